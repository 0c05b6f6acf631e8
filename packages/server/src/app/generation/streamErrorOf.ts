import { type AppErrorBody, TokenscopeError } from '@tokenscope/core';
import { ApiError } from '../../ApiError.js';
import { toAppError } from '../toAppError.js';

/** Errors the app's error mapping knows (the server's own, the store's, the engine's, core's). */
const MAPPED = new Set([
  'run_not_found',
  'invalid_run',
  'invalid_option',
  'engine_crashed',
  'engine_unavailable',
  'engine_closed',
  'context_length_exceeded',
  'prompt_too_long',
  'untokenizable_text',
  'aborted',
]);

/**
 * The `error` event's body for an error thrown after the stream started. The remote provider's errors
 * (`logprobs_unsupported`, `authentication_error`, `connection_error`, ...) keep their message and take
 * their code as `type`; everything else is mapped as the app maps errors (`toAppError`).
 */
export function streamErrorOf(error: unknown): AppErrorBody['error'] {
  if (error instanceof TokenscopeError && !(error instanceof ApiError) && !MAPPED.has(error.code)) {
    return { message: error.message, type: error.code, code: error.code, param: null };
  }
  return toAppError(error).toJSON().error;
}
