import {
  type ConfidenceSignal,
  type ConsistencyAnalysis,
  type LogprobResponse,
  type NewRun,
  type RunParams,
  type RunPrompt,
  type RunTarget,
  samplesResponse,
} from '@tokenscope/core';
import { getAdapter, LogprobsUnsupportedError } from '@tokenscope/providers';
import type { AppServices } from '../AppServices.js';
import { compareSamples } from './compareSamples.js';
import type { SendRunEvent } from './eventStream.js';
import type { RunMeta } from './generateLocal.js';
import { providerOf, publicBaseURL, remoteEndpoint, remoteRequest } from './remoteRequest.js';
import { sampleRemote } from './sampleRemote.js';

/**
 * Generates on a remote endpoint with a provider adapter, then saves the run (source `remote`, the
 * base URL and the provider; never the key) and sends `done`. `confidence`: `logprobs` streams the
 * tokens with their logprobs; `consistency` asks `samples` answers without logprobs and compares
 * them (`sampling`, `sample`... events); `both` does one then the other, and compares the logprob
 * answer (first) with the samples, so both views judge the same answer. When the endpoint refuses
 * or ignores logprobs (`LogprobsUnsupportedError`), the run falls back to sampling consistency and
 * the `sampling` event carries the refusal as `fallback`. The run keeps the comparison as
 * `consistency`; made from samples only, its response holds one token-less completion per sample.
 */
export async function generateRemote(
  job: {
    services: AppServices;
    target: Extract<RunTarget, { kind: 'remote' }>;
    prompt: RunPrompt;
    params: RunParams;
    meta: RunMeta;
    confidence: ConfidenceSignal;
    samples: number;
  },
  send: SendRunEvent,
  signal: AbortSignal,
): Promise<void> {
  const { services, target, prompt, params } = job;
  const provider = providerOf(prompt, target.provider);
  const adapter = getAdapter(provider);
  const endpoint = remoteEndpoint(services, target.baseURL, target.apiKey);
  const request = remoteRequest(target.model, prompt, params);
  send({
    type: 'start',
    model: target.model,
    ...(prompt.kind === 'text' ? { promptText: prompt.text } : {}),
  });
  let response: LogprobResponse | undefined;
  let fallback: string | undefined;
  if (job.confidence !== 'consistency') {
    let index = 0;
    try {
      response = await adapter.complete(endpoint, request, {
        signal,
        stream: true,
        onToken: (token, choice) => {
          if (choice === 0) send({ type: 'token', index: index++, token });
        },
      });
    } catch (error) {
      if (!(error instanceof LogprobsUnsupportedError) || signal.aborted) throw error;
      fallback = error.message;
    }
  }
  signal.throwIfAborted();
  let consistency: ConsistencyAnalysis | undefined;
  if (response === undefined || job.confidence === 'both') {
    const sampled = await sampleRemote(
      { adapter, endpoint, request, samples: job.samples, ...(fallback === undefined ? {} : { fallback }) },
      send,
      signal,
    );
    consistency = compareSamples(sampled, response?.completions[0]);
  }
  const run: NewRun = {
    ...job.meta,
    source: 'remote',
    model: target.model,
    endpoint: publicBaseURL(target.baseURL),
    provider,
    prompt,
    params,
    response: response ?? samplesResponse(consistency!, { format: provider, model: target.model }),
    ...(consistency === undefined ? {} : { consistency }),
  };
  send({ type: 'done', run: await services.store.save(run) });
}
