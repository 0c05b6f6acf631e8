import {
  buildClassifyPrompt,
  type ClassifyResponse,
  checkLabels,
  classifyExact,
  classifyFromTopLogprobs,
  DEFAULT_CLASSIFY_TEMPLATE,
  labelContinuation,
  NoLogprobsError,
} from '@tokenscope/core';
import { getAdapter, type ProviderId } from '@tokenscope/providers';
import type { Context } from 'hono';
import { ApiError } from '../../ApiError.js';
import { parseBody } from '../../parseBody.js';
import type { AppServices } from '../AppServices.js';
import { remoteEndpoint } from '../generation/remoteRequest.js';
import { classifyBodySchema } from './toolSchemas.js';

/** Default first-token alternatives read on a remote endpoint. */
const REMOTE_TOP_LOGPROBS = 20;

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
 * `classifyFromTopLogprobs` on a remote endpoint: one token at temperature 0 with its top-k).
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
  if (target.kind === 'local') {
    const engine = await services.catalog.engine(target.model);
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
    return c.json({ model: target.model, prompt, classification } satisfies ClassifyResponse);
  }
  const provider = (target.provider ?? 'openai-completions') as ProviderId;
  const response = await getAdapter(provider).complete(
    remoteEndpoint(services, target.baseURL, target.apiKey),
    {
      model: target.model,
      prompt,
      maxTokens: 1,
      temperature: 0,
      topLogprobs: body.topLogprobs ?? REMOTE_TOP_LOGPROBS,
    },
    { signal },
  );
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
  const classification = classifyFromTopLogprobs(labels, first, options);
  return c.json({ model: target.model, prompt, classification } satisfies ClassifyResponse);
}
