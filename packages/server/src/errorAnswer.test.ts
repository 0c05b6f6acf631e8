import {
  EmptyInputError,
  InputTooLargeError,
  InvalidJsonError,
  InvalidOptionError,
  InvalidValueError,
  NestingTooDeepError,
  NoLogprobsError,
  TokenscopeError,
  TruncatedStreamError,
  UnknownFormatError,
} from '@tokenscope/core';
import {
  EngineCrashedError,
  EngineUnavailableError,
  GenerationAbortedError,
  ModelNotFoundError,
  PromptTooLongError,
  UntokenizableTextError,
} from '@tokenscope/local';
import {
  AuthenticationError,
  ConnectionError,
  LogprobsUnsupportedError,
  RateLimitError,
  TimeoutError,
} from '@tokenscope/providers';
import { InvalidRunError, RunNotFoundError } from '@tokenscope/store';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ApiError } from './ApiError.js';
import { errorAnswer, respondWithError } from './errorAnswer.js';
import { fromErrorData } from './worker/fromErrorData.js';
import { toErrorData } from './worker/toErrorData.js';

const upstream = { status: 401, providerMessage: 'bad key', body: {}, url: 'https://api.example.com/v1' };
const exit = { code: null, signal: 'SIGABRT' as const, output: '' };

describe('errorAnswer: every error answers with the meaning its class gives it', () => {
  it.each<[string, unknown, number, string, string]>([
    ['bad JSON', new InvalidJsonError('x'), 400, 'invalid_request_error', 'invalid_json'],
    ['an empty body', new EmptyInputError(), 400, 'invalid_request_error', 'empty_input'],
    ['an unknown shape', new UnknownFormatError('x', ['a']), 400, 'invalid_request_error', 'unknown_format'],
    ['a bad value', new InvalidValueError('a.b', 'NaN'), 400, 'invalid_request_error', 'invalid_value'],
    ['no logprobs', new NoLogprobsError('openai-chat', 'ask'), 400, 'invalid_request_error', 'no_logprobs'],
    ['a cut stream', new TruncatedStreamError('x'), 400, 'invalid_request_error', 'truncated_stream'],
    ['a bad option', new InvalidOptionError('top_k', 'x'), 400, 'invalid_request_error', 'invalid_option'],
    ['too large', new InputTooLargeError('x'), 413, 'invalid_request_error', 'input_too_large'],
    ['a missing run', new RunNotFoundError('r1'), 404, 'not_found_error', 'run_not_found'],
    ['a bad run field', new InvalidRunError('title', 'x'), 400, 'invalid_request_error', 'invalid_run'],
    ['an unknown model', new ModelNotFoundError('m', 'x'), 404, 'not_found_error', 'model_not_found'],
    [
      'a long prompt',
      new PromptTooLongError(10, 12, 16),
      400,
      'invalid_request_error',
      'context_length_exceeded',
    ],
    [
      'untokenizable',
      new UntokenizableTextError('#', 'm'),
      400,
      'invalid_request_error',
      'untokenizable_text',
    ],
    ['a crash', new EngineCrashedError('m.gguf', exit, true), 500, 'engine_error', 'engine_crashed'],
    [
      'a dead engine',
      new EngineUnavailableError('m.gguf', 3, 60_000, 'x'),
      503,
      'engine_error',
      'engine_unavailable',
    ],
    [
      'an aborted generation',
      new GenerationAbortedError('generation'),
      499,
      'invalid_request_error',
      'aborted',
    ],
    ['an upstream 401', new AuthenticationError(upstream), 502, 'server_error', 'authentication'],
    [
      'an upstream 429',
      new RateLimitError({ ...upstream, status: 429 }),
      502,
      'server_error',
      'rate_limited',
    ],
    ['no connection', new ConnectionError('u', 'ECONNREFUSED'), 502, 'server_error', 'connection_error'],
    ['a silent upstream', new TimeoutError('u', 5, 'reading'), 504, 'server_error', 'timeout'],
    [
      'refused logprobs',
      new LogprobsUnsupportedError({ provider: 'p', model: 'm', reason: 'r', suggestion: 's' }),
      502,
      'server_error',
      'logprobs_unsupported',
    ],
    ['a route error', ApiError.invalid('n', 'n must be 1', 'x'), 400, 'invalid_request_error', 'x'],
  ])('%s', (_, error, status, type, code) => {
    const answer = errorAnswer(error);
    expect(answer).toBe(error);
    expect(answer.status).toBe(status);
    expect(answer.toJSON().error).toMatchObject({ type, code });
  });

  it('an error of our own without a meaning of its own is a 500, a bug a 500 server_error naming it', () => {
    expect(errorAnswer(new TokenscopeError('record_failed', 'x')).status).toBe(500);
    const bug = errorAnswer(new TypeError('undefined is not a function'));
    expect(bug.status).toBe(500);
    expect(bug.toJSON().error).toEqual({
      message: 'the server failed: undefined is not a function',
      type: 'server_error',
      param: null,
      code: 'server_error',
    });
  });

  it("an error rebuilt from another thread keeps its meaning; a stack overflow is a bug's 500", () => {
    // What the import worker really sends back: its own class, status and code.
    const sent = fromErrorData(structuredClone(toErrorData(new NestingTooDeepError(256, 5000))));
    expect(errorAnswer(sent).status).toBe(400);
    expect(errorAnswer(sent).toJSON().error).toMatchObject({
      type: 'invalid_request_error',
      code: 'nesting_too_deep',
    });
    // An error of our own from another copy of the module (not instanceof): its fields still count.
    const revived = Object.assign(new Error('input nests too deep'), { code: 'x', status: 400, param: 'p' });
    expect(errorAnswer(revived).toJSON().error).toEqual({
      message: 'input nests too deep',
      type: 'invalid_request_error',
      param: 'p',
      code: 'x',
    });
    expect(errorAnswer(new RangeError('Maximum call stack size exceeded')).status).toBe(500);
  });

  it("an abort (the client went away) is a 499 that is not reported as the server's failure", async () => {
    const failures: unknown[] = [];
    const app = new Hono()
      .onError((error, c) => respondWithError(c, error, (e) => failures.push(e)))
      .get('/abort', () => {
        throw Object.assign(new Error('gone'), { name: 'AbortError' });
      })
      .get('/bug', () => {
        throw new Error('boom');
      });
    expect((await app.request('/abort')).status).toBe(499);
    // A client that closes while its body is read: Node's `aborted` error.
    expect(errorAnswer(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })).status).toBe(499);
    expect(failures).toEqual([]);
    const bug = await app.request('/bug');
    expect(bug.status).toBe(500);
    expect(await bug.json()).toMatchObject({
      error: { code: 'server_error', message: 'the server failed: boom' },
    });
    expect(failures).toHaveLength(1);
  });
});
