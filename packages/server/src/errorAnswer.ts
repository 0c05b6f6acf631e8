import { TokenscopeError, typeOfStatus } from '@tokenscope/core';
import type { Context } from 'hono';
import { ApiError } from './ApiError.js';

/** Fields of a `TokenscopeError` that crossed a thread or process boundary as a plain object. */
interface ErrorFields {
  code: string;
  status: number;
  type?: unknown;
  param?: unknown;
  message?: unknown;
}

function hasErrorFields(error: unknown): error is ErrorFields {
  if (typeof error !== 'object' || error === null) return false;
  const { code, status } = error as { code?: unknown; status?: unknown };
  return typeof code === 'string' && Number.isInteger(status) && (status as number) >= 400;
}

/** The client went away: an aborted signal, or Node's `aborted` (ECONNRESET) while the body was read. */
function isAbort(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'AbortError' || (error as { code?: unknown }).code === 'ECONNRESET')
  );
}

/**
 * The one place where anything a request's handler threw becomes the error its client gets:
 * - a `TokenscopeError` answers with the meaning its class gives it where it is defined (`status`,
 *   `type`, `code`, `param`): a bad input 400, a missing run 404, an engine crash 500 `engine_error`,
 *   an upstream's failure 502, ...;
 * - an error rebuilt from another thread or process that carries those fields, likewise;
 * - an abort (the client went away) is a 499 that nobody reads and that does not count as a failure;
 * - anything else is a bug: a 500 `server_error` that names it.
 */
export function errorAnswer(error: unknown): TokenscopeError {
  if (error instanceof TokenscopeError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (hasErrorFields(error)) {
    const type = typeof error.type === 'string' ? error.type : undefined;
    const param = typeof error.param === 'string' ? error.param : null;
    return new ApiError(error.status, type ?? typeOfStatus(error.status), message, {
      code: error.code,
      param,
      cause: error,
    });
  }
  if (isAbort(error)) {
    return new ApiError(499, 'invalid_request_error', message, { code: 'aborted', cause: error });
  }
  return new ApiError(500, 'server_error', `the server failed: ${message}`, {
    code: 'server_error',
    cause: error,
  });
}

/** Answers `error` on a Hono context (OpenAI's error shape); server failures (5xx) go to `onServerError`. */
export function respondWithError(
  c: Context,
  error: unknown,
  onServerError?: (error: TokenscopeError) => void,
): Response {
  const answer = errorAnswer(error);
  if (answer.status >= 500) onServerError?.(answer);
  return c.json(answer.toJSON(), answer.status as 400);
}
