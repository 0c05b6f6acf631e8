import { type CandidateScore, labelContinuation, type RerankResponse, rerank } from '@tokenscope/core';
import { echoContinuationScore } from '@tokenscope/providers';
import type { Context } from 'hono';
import { ApiError } from '../../ApiError.js';
import { parseBody } from '../../parseBody.js';
import type { AppServices } from '../AppServices.js';
import { remoteEndpoint } from '../generation/remoteRequest.js';
import { rerankBodySchema } from './toolSchemas.js';

/**
 * `POST /api/rerank`: each candidate's total, mean and length-normalised logprob given the prompt
 * (a space between them), and the ranking under each (core's `rerank`). Local models score every
 * candidate exactly after one shared prefix evaluation; remote endpoints through legacy
 * `/completions` with `echo` (one request per candidate; the prompt must not be empty).
 */
export async function postRerank(c: Context, services: AppServices): Promise<Response> {
  const body = await parseBody(c, rerankBodySchema);
  const seen = new Set<string>();
  for (const [i, candidate] of body.candidates.entries()) {
    if (seen.has(candidate)) {
      throw ApiError.invalid(
        `candidates[${i}]`,
        `Invalid 'candidates[${i}]': ${JSON.stringify(candidate)} is given twice; send distinct candidates`,
      );
    }
    seen.add(candidate);
  }
  const continuations = body.candidates.map((c) => labelContinuation(c));
  const signal = c.req.raw.signal;
  const target = body.target;
  let scores: CandidateScore[];
  if (target.kind === 'local') {
    const engine = await services.catalog.engine(target.model);
    const scored = await engine.scoreContinuations(body.prompt, continuations, { signal });
    scores = scored.continuations.map((s, i) => ({
      text: body.candidates[i]!,
      sumLogprob: s.sumLogprob,
      tokenCount: s.tokenCount,
    }));
  } else {
    if (body.prompt === '') {
      throw ApiError.invalid(
        'prompt',
        "Invalid 'prompt': a remote endpoint needs a non-empty prompt (the first echoed token has no logprob)",
      );
    }
    const endpoint = remoteEndpoint(services, target.baseURL, target.apiKey);
    scores = [];
    for (const [i, continuation] of continuations.entries()) {
      const s = await echoContinuationScore(endpoint, target.model, body.prompt, continuation, { signal });
      scores.push({ text: body.candidates[i]!, sumLogprob: s.sumLogprob, tokenCount: s.tokenCount });
    }
  }
  const result = rerank(scores, body.alpha === undefined ? {} : { alpha: body.alpha });
  return c.json({ model: target.model, prompt: body.prompt, ...result } satisfies RerankResponse);
}
