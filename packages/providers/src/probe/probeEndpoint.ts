import type { EndpointOptions } from '../Provider.js';
import { finding, notOkFinding, sender, skipped } from './findings.js';
import { isOk, ProbeClient } from './ProbeClient.js';
import type { ProbeFinding, ProbeFindings, ProbeReport } from './ProbeReport.js';
import { ProbeUnreachableError } from './ProbeUnreachableError.js';
import { probeChat } from './probeChat.js';
import { probeCompletions } from './probeCompletions.js';
import { type DistributionSource, probeDistribution } from './probeDistribution.js';
import { probeResponses } from './probeResponses.js';

export interface ProbeOptions {
  /** The model the requests name (default: the first one `GET /models` lists). */
  model?: string;
  /** Stops the probe: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

function modelIds(json: unknown): string[] {
  const data = (json as { data?: unknown } | null | undefined)?.data;
  if (!Array.isArray(data)) return [];
  return data
    .map((entry) => (entry as { id?: unknown } | null)?.id)
    .filter((id): id is string => typeof id === 'string' && id !== '');
}

function listed(ids: readonly string[]): string {
  const shown = ids.slice(0, 5).join(', ');
  return `${ids.length} model${ids.length === 1 ? '' : 's'}${ids.length > 0 ? `: ${shown}` : ''}${ids.length > 5 ? ', …' : ''}`;
}

/**
 * Finds out what an OpenAI-compatible endpoint really does with logprobs, with a handful of tiny
 * requests (1-3 generated tokens; 16 for the Responses API, its minimum): the model list, logprobs on
 * chat, legacy completions and responses, the largest `top_logprobs`, `bytes`, prompt logprobs,
 * logprobs in streams, and whether the values are raw or after temperature. Every request and its
 * exact error text is in the report. Throws `ProbeUnreachableError` when `GET /models` gets no answer.
 */
export async function probeEndpoint(
  endpoint: EndpointOptions,
  options: ProbeOptions = {},
): Promise<ProbeReport> {
  const client = new ProbeClient(endpoint, options.signal);
  const send = sender(client);

  const list = await client.get('/models', 'model list');
  if (list.status === null)
    throw new ProbeUnreachableError(`${client.baseURL}/models`, list.error ?? 'no answer');
  const models = isOk(list) ? modelIds(list.json) : [];
  let modelsFinding: ProbeFinding;
  if (isOk(list)) {
    modelsFinding = finding(models.length > 0 ? 'supported' : 'ignored', listed(models), [list.index]);
  } else {
    modelsFinding = await notOkFinding(list);
    if (list.status === 404 && !/\/v\d+$/.test(client.baseURL)) {
      modelsFinding.detail += ' (OpenAI-compatible base URLs usually end in /v1)';
    }
  }
  const model = options.model ?? models[0] ?? null;

  const report = (findings: ProbeFindings): ProbeReport => ({
    baseURL: client.baseURL,
    model,
    models,
    findings,
    requests: client.exchanges,
  });

  if (model === null) {
    const why = skipped('no model: none listed and none given');
    return report({
      models: modelsFinding,
      chatLogprobs: why,
      topLogprobs: why,
      topLogprobsAbove20: why,
      bytes: why,
      streamLogprobs: why,
      completionsLogprobs: why,
      echo: why,
      promptLogprobs: why,
      responsesLogprobs: why,
      distribution: why,
    });
  }

  const { maxTop, ...chat } = await probeChat(send, model);
  const completions = await probeCompletions(send, model);
  const responsesLogprobs = await probeResponses(send, model);
  let source: DistributionSource | undefined;
  if (maxTop !== null) source = { endpoint: 'chat', maxTop };
  else if (completions.completionsLogprobs.result === 'supported') source = { endpoint: 'completions' };
  const distribution =
    source === undefined
      ? skipped('no logprobs on chat or completions')
      : await probeDistribution(send, model, source);

  return report({ models: modelsFinding, ...chat, ...completions, responsesLogprobs, distribution });
}
