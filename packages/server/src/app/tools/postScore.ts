import {
  buildCompletion,
  type LogprobResponse,
  type NewRun,
  type ScoreResponse,
  scoreSummary,
  type Token,
} from '@tokenscope/core';
import { echoTokens } from '@tokenscope/providers';
import type { Context } from 'hono';
import { parseBody } from '../../parseBody.js';
import type { AppServices } from '../AppServices.js';
import { publicBaseURL, remoteEndpoint } from '../generation/remoteRequest.js';
import { scoreBodySchema } from './toolSchemas.js';

/** Default alternatives per scored token. */
const DEFAULT_TOP_LOGPROBS = 5;
/** Tag of runs saved from `POST /api/score`. */
export const SCORED_TAG = 'scored';

function scoredTitle(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return `Scored: ${line.length > 80 ? `${line.slice(0, 79)}…` : line}`;
}

/**
 * `POST /api/score`: the logprob and rank of every token of text the model did not write, and the
 * perplexity, as a response the X-ray shows. Local models score in one pass (`engine.score`); remote
 * endpoints through legacy `/completions` with `echo`. With `save`, the text is also saved as a run
 * (the target's source, `prompt: null`, tag `scored`; local runs keep the BOS as prompt ids, so they
 * can be branched and explored like a generated answer).
 */
export async function postScore(c: Context, services: AppServices): Promise<Response> {
  const body = await parseBody(c, scoreBodySchema);
  const topLogprobs = body.topLogprobs ?? DEFAULT_TOP_LOGPROBS;
  const signal = c.req.raw.signal;
  const target = body.target;
  let tokens: Token[];
  let vocabSize: number | undefined;
  let promptTokenIds: number[] | undefined;
  if (target.kind === 'local') {
    const engine = await services.catalog.engine(target.model);
    tokens = (await engine.score(body.text, { topLogprobs, signal })).tokens;
    vocabSize = engine.info.vocabSize;
    if (body.save === true && tokens[0]?.logprob !== null) promptTokenIds = await engine.tokenize('');
  } else {
    const endpoint = remoteEndpoint(services, target.baseURL, target.apiKey);
    tokens = await echoTokens(endpoint, target.model, body.text, topLogprobs, { signal });
  }
  const completion = buildCompletion(tokens, {
    index: 0,
    distribution: 'raw',
    responseText: tokens.map((t) => t.text).join(''),
    ...(vocabSize === undefined ? {} : { vocabSize }),
  });
  const response: LogprobResponse = {
    format: 'openai-completions',
    model: target.model,
    completions: [completion],
  };
  const result: ScoreResponse = {
    model: target.model,
    response,
    ...scoreSummary(completion.tokens, topLogprobs),
    topLogprobs,
  };
  if (body.save === true) {
    const run: NewRun = {
      title: scoredTitle(body.text),
      tags: [SCORED_TAG],
      source: target.kind,
      model: target.model,
      prompt: null,
      params: { topLogprobs },
      response,
    };
    if (target.kind === 'remote') {
      run.endpoint = publicBaseURL(target.baseURL);
      run.provider = 'openai-completions';
    } else if (promptTokenIds !== undefined && promptTokenIds.length > 0) {
      run.promptText = '';
      run.promptTokenIds = promptTokenIds;
    }
    result.run = await services.store.save(run);
  }
  return c.json(result);
}
