import { TokenscopeError } from '@tokenscope/core';
import { ApiError } from '../ApiError.js';
import { toApiError } from '../toApiError.js';

/** Codes of core's parse errors: the saved response is bad, so the request is (400). */
const PARSE_ERROR_CODES = new Set([
  'empty_input',
  'format_mismatch',
  'invalid_json',
  'invalid_option',
  'invalid_value',
  'no_logprobs',
  'truncated_stream',
  'unknown_format',
]);

/** Codes of the engine's errors, which the OpenAI-compatible API already maps (`toApiError`). */
const ENGINE_ERROR_CODES = new Set([
  'engine_crashed',
  'engine_unavailable',
  'engine_closed',
  'context_length_exceeded',
  'prompt_too_long',
  'untokenizable_text',
  'aborted',
]);

function fieldOf(error: unknown): string | null {
  const field = (error as { field?: unknown }).field;
  return typeof field === 'string' ? field : null;
}

/**
 * Maps anything an `/api` handler threw to the error the client gets (`AppErrorBody`):
 * - an `ApiError` as it is;
 * - the store's `RunNotFoundError` (`run_not_found`) to a 404, `InvalidRunError` (`invalid_run`) and
 *   `InvalidReviewError` (`invalid_review`) to a 400 whose `param` names the field;
 * - core's parse errors to a 400 with the parser's message, `InputTooLargeError` to a 413;
 * - the engine's errors as the `/v1` API maps them (`toApiError`);
 * - anything else (the store cannot write, a bug) to a 500 `server_error`.
 */
export function toAppError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof TokenscopeError) {
    const mapped = fromTokenscopeError(error);
    if (mapped !== undefined) return mapped;
  }
  const code = codeOf(error);
  if (
    (code !== undefined && ENGINE_ERROR_CODES.has(code)) ||
    (error instanceof Error && error.name === 'AbortError')
  ) {
    return toApiError(error);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError(500, 'server_error', `the server failed: ${code ? `${code}: ` : ''}${message}`, {
    code: code ?? 'server_error',
    cause: error,
  });
}

function codeOf(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

function fromTokenscopeError(error: TokenscopeError): ApiError | undefined {
  const code = error.code;
  if (code === 'run_not_found') {
    return new ApiError(404, 'not_found_error', error.message, { code, cause: error });
  }
  if (code === 'invalid_run' || code === 'invalid_review') {
    return new ApiError(400, 'invalid_request_error', error.message, {
      code,
      param: fieldOf(error),
      cause: error,
    });
  }
  if (code !== undefined && PARSE_ERROR_CODES.has(code)) {
    return new ApiError(400, 'invalid_request_error', error.message, { code, cause: error });
  }
  if (code === 'input_too_large') {
    return new ApiError(413, 'invalid_request_error', error.message, { code, cause: error });
  }
  return undefined;
}
