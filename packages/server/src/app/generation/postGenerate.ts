import { DEFAULT_SAMPLES, type RunTarget } from '@tokenscope/core';
import type { Context } from 'hono';
import { ApiError } from '../../ApiError.js';
import { parseBody } from '../../parseBody.js';
import type { AppServices } from '../AppServices.js';
import { eventStream } from './eventStream.js';
import { generateLocal, type RunMeta } from './generateLocal.js';
import { generateRemote } from './generateRemote.js';
import { checkRemoteParams } from './remoteRequest.js';
import { definedOnly, generateBodySchema, toRunParams, toRunPrompt } from './schemas.js';

/**
 * `POST /api/generate`: validates the body (400 naming the field; a `constraint` needs a local model
 * and the raw distribution) and, for a local model, finds its engine (404 `model_not_found`) before
 * the event stream starts; then streams `start`, `token`..., and `done` with the saved run, or
 * `error` (a constraint the engine refuses, such as GBNF that does not parse, is an `error` event
 * `invalid_option` naming the field). `confidence` `consistency` / `both` (and a remote endpoint that
 * refuses logprobs) add `sampling` and `sample` events and a run with `consistency`; `samples` (2..50,
 * default 5) is how many answers are compared.
 */
export async function postGenerate(c: Context, services: AppServices): Promise<Response> {
  const body = await parseBody(c, generateBodySchema);
  const prompt = toRunPrompt(body.prompt);
  const params = toRunParams(body.params);
  const meta = definedOnly<RunMeta>({ title: body.title, tags: body.tags });
  const target = body.target;
  const constraint = body.constraint;
  const confidence = body.confidence ?? 'logprobs';
  const samples = body.samples ?? DEFAULT_SAMPLES;
  if (constraint !== undefined && confidence !== 'logprobs') {
    throw ApiError.invalid(
      'confidence',
      `Invalid 'confidence': a constraint restricts one generation's tokens, sampling consistency compares free answers; leave the constraint out or ask for 'logprobs'`,
    );
  }
  if (body.samples !== undefined && confidence === 'logprobs' && target.kind === 'local') {
    throw ApiError.invalid(
      'samples',
      "Invalid 'samples': a local model always gives logprobs, so nothing is sampled; ask for confidence 'consistency' or 'both'",
    );
  }
  if (target.kind === 'local') {
    if (constraint !== undefined && params.distribution === 'processed') {
      throw ApiError.invalid(
        'params.distribution',
        "Invalid 'params.distribution': a constrained generation reports the raw distribution beside the allowed one; leave distribution out or send 'raw'",
      );
    }
    const engine = await services.catalog.engine(target.model);
    return eventStream(c.req.raw.signal, (send, signal) =>
      generateLocal(
        {
          engine,
          model: target.model,
          prompt,
          params,
          meta,
          store: services.store,
          ...(constraint === undefined ? {} : { constraint }),
          confidence,
          samples,
        },
        send,
        signal,
      ),
    );
  }
  if (constraint !== undefined) {
    throw ApiError.invalid(
      'constraint',
      "Invalid 'constraint': constrained decoding runs on local models only; pick a local model or leave the constraint out",
    );
  }
  checkRemoteParams(params);
  const remote = definedOnly<Extract<RunTarget, { kind: 'remote' }>>(target);
  return eventStream(c.req.raw.signal, (send, signal) =>
    generateRemote({ services, target: remote, prompt, params, meta, confidence, samples }, send, signal),
  );
}
