import { TokenscopeError } from '@tokenscope/core';
import { ApiError } from './ApiError.js';

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Maps anything a handler threw to the `ApiError` the client gets:
 * - an `ApiError` as it is;
 * - the engine's crash (`code: 'engine_crashed'`, thrown by the child-process engine, which restarts
 *   the model) to a 500 `engine_error` that says the request can be retried; an engine that gave up
 *   restarting or was closed (`engine_unavailable`, `engine_closed`) to a 503;
 * - the engine's refusals of the input to a 400: a prompt longer than the context (`prompt_too_long`,
 *   answered as OpenAI's `context_length_exceeded`), text the vocabulary cannot encode
 *   (`untokenizable_text`), an option it rejects (`invalid_option`);
 * - an aborted generation (the client went away) to a 499 nobody reads;
 * - any other error to a 500 `engine_error` (the engine is the only thing a request runs).
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const code = codeOf(error);
  if (code === 'engine_crashed') {
    const restarted = (error as { restarted?: unknown }).restarted !== false;
    return new ApiError(
      500,
      'engine_error',
      restarted
        ? `the model engine crashed and was restarted; the request can be retried (${messageOf(error)})`
        : `the model engine crashed (${messageOf(error)})`,
      { code: 'engine_crashed', cause: error },
    );
  }
  if (code === 'engine_unavailable' || code === 'engine_closed') {
    return new ApiError(503, 'engine_error', messageOf(error), { code, cause: error });
  }
  if (code === 'context_length_exceeded' || code === 'prompt_too_long') {
    return new ApiError(400, 'invalid_request_error', messageOf(error), {
      code: 'context_length_exceeded',
      cause: error,
    });
  }
  if (code === 'untokenizable_text' || code === 'invalid_option') {
    return new ApiError(400, 'invalid_request_error', messageOf(error), { code, cause: error });
  }
  if (code === 'aborted' || (error instanceof Error && error.name === 'AbortError')) {
    // The client went away: nobody reads this answer; it only must not count as a server error.
    return new ApiError(499, 'invalid_request_error', messageOf(error), {
      code: 'request_aborted',
      cause: error,
    });
  }
  const label = error instanceof TokenscopeError ? `${error.code}: ` : '';
  return new ApiError(500, 'engine_error', `the model engine failed: ${label}${messageOf(error)}`, {
    code: code ?? 'engine_error',
    cause: error,
  });
}
