import {
  buildClassifyPrompt,
  type Classification,
  type ClassifyResponse,
  checkLabels,
  classifyExact,
  classifyFromSamples,
  classifyFromTopLogprobs,
  DEFAULT_CLASSIFY_TEMPLATE,
  DEFAULT_SAMPLES,
  labelContinuation,
  NoLogprobsError,
} from '@tokenscope/core';
import {
  getAdapter,
  LogprobsUnsupportedError,
  type ProviderId,
  type SampledAnswers,
} from '@tokenscope/providers';
import type { Context } from 'hono';
import { ApiError } from '../../ApiError.js';
import { parseBody } from '../../parseBody.js';
import type { AppServices } from '../AppServices.js';
import { remoteEndpoint } from '../generation/remoteRequest.js';
import { sampleLocal } from '../generation/sampleLocal.js';
import { sampleRemote } from '../generation/sampleRemote.js';
import { classifyBodySchema } from './toolSchemas.js';

/** Default first-token alternatives read on a remote endpoint. */
const REMOTE_TOP_LOGPROBS = 20;
/** Most tokens of a sampled answer: room for any label (its first line is compared, as the CLI does). */
const SAMPLED_LABEL_MAX_TOKENS = 16;

function checked<T>(param: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof Error && (error as { code?: unknown }).code === 'invalid_option') {
      throw ApiError.invalid(param, `Invalid '${param}': ${error.message}`);
    }
    throw error;
  }
}

/**
 * `POST /api/classify`: the probability of each label as the continuation of the prompt (core's
 * `classifyExact` on a local model: every label scored after one shared prefix evaluation; core's
 * `classifyFromTopLogprobs` on a remote endpoint: one token at temperature 0 with its top-k). With
 * `confidence: 'consistency'`, or where a remote endpoint refuses or ignores logprobs (the answer
 * then says so in `fallback`), the prompt is answered `samples` times without logprobs and each
 * label's share of the answers is its confidence (core's `classifyFromSamples`, `method: 'sampling'`).
 * Labels and template are checked (400 naming the field) before a model is loaded.
 */
export async function postClassify(c: Context, services: AppServices): Promise<Response> {
  const body = await parseBody(c, classifyBodySchema);
  const labels = checked('labels', () => checkLabels(body.labels));
  const template = body.template ?? DEFAULT_CLASSIFY_TEMPLATE;
  const prompt = checked('template', () => buildClassifyPrompt(template, body.text, labels));
  const options = body.minMargin === undefined ? {} : { minMargin: body.minMargin };
  const signal = c.req.raw.signal;
  const target = body.target;
  const samples = body.samples ?? DEFAULT_SAMPLES;
  const fromSamples = (sampled: SampledAnswers): Classification =>
    classifyFromSamples(labels, sampled.samples, {
      ...options,
      temperature: sampled.temperature,
      cost: sampled.cost,
    });
  const answer = (classification: Classification, fallback?: string) =>
    c.json({
      model: target.model,
      prompt,
      classification,
      ...(fallback === undefined ? {} : { fallback }),
    } satisfies ClassifyResponse);
  const noEvents = () => {};

  if (target.kind === 'local') {
    const engine = await services.catalog.engine(target.model);
    if (body.confidence === 'consistency') {
      const sampled = await sampleLocal(
        { engine, prompt, params: { maxTokens: SAMPLED_LABEL_MAX_TOKENS }, samples },
        noEvents,
        signal,
      );
      return answer(fromSamples(sampled));
    }
    const scored = await engine.scoreContinuations(
      prompt,
      labels.map((l) => labelContinuation(l)),
      { signal },
    );
    const classification = classifyExact(
      labels,
      scored.continuations.map((s) => ({
        sumLogprob: s.sumLogprob,
        tokenCount: s.tokenCount,
        merged: s.boundary.kind === 'merged',
      })),
      options,
    );
    return answer(classification);
  }
  const provider = (target.provider ?? 'openai-completions') as ProviderId;
  const adapter = getAdapter(provider);
  const endpoint = remoteEndpoint(services, target.baseURL, target.apiKey);
  const sample = async (fallback?: string) => {
    const sampled = await sampleRemote(
      {
        adapter,
        endpoint,
        request: { model: target.model, prompt, maxTokens: SAMPLED_LABEL_MAX_TOKENS },
        samples,
        ...(fallback === undefined ? {} : { fallback }),
      },
      noEvents,
      signal,
    );
    return answer(fromSamples(sampled), fallback);
  };
  if (body.confidence === 'consistency') return sample();
  let response: Awaited<ReturnType<typeof adapter.complete>>;
  try {
    response = await adapter.complete(
      endpoint,
      {
        model: target.model,
        prompt,
        maxTokens: 1,
        temperature: 0,
        topLogprobs: body.topLogprobs ?? REMOTE_TOP_LOGPROBS,
      },
      { signal },
    );
  } catch (error) {
    if (!(error instanceof LogprobsUnsupportedError) || signal.aborted) throw error;
    return sample(error.message);
  }
  const first = response.completions[0]?.tokens[0];
  if (first === undefined) {
    throw new ApiError(
      502,
      'server_error',
      new NoLogprobsError(response.format, 'the answer has no first token to read label probabilities from')
        .message,
      { code: 'no_logprobs' },
    );
  }
  return answer(classifyFromTopLogprobs(labels, first, options));
}
