/**
 * OpenAI's error `type` values that Tokenscope answers with. Each error class picks its own; by
 * default it follows the status (`typeOfStatus`).
 */
export type ErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'engine_error'
  | 'server_error';

/** What an error means as an HTTP answer, given where the error class is defined. */
export interface ErrorMeaning {
  /** HTTP status when a request caused this error (4xx: the request is at fault; 5xx: we or upstream are). */
  status?: number;
  /** OpenAI's `error.type` (usually an `ErrorType`); defaults from the status. */
  type?: ErrorType | (string & {});
  /** The request parameter or field at fault, when one is (OpenAI's `error.param`). */
  param?: string | null;
  cause?: unknown;
}

/** The `error.type` OpenAI sends with a status. */
export function typeOfStatus(status: number): ErrorType {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/**
 * Base class of every error Tokenscope throws on purpose. `code` is stable and machine-readable;
 * `message` is one line a user can act on: what was expected, what came, what to do. Each class says
 * where it is defined what it means as an HTTP answer (`status`, `type`, `param`); the servers map
 * errors to answers in one function (`errorAnswer` in `@tokenscope/server`). An error without a
 * meaning of its own is a 500.
 */
export class TokenscopeError extends Error {
  readonly code: string;
  readonly status: number;
  readonly type: string;
  readonly param: string | null;

  constructor(code: string, message: string, meaning: ErrorMeaning = {}) {
    super(message, meaning.cause === undefined ? undefined : { cause: meaning.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = meaning.status ?? 500;
    this.type = meaning.type ?? typeOfStatus(this.status);
    this.param = meaning.param ?? null;
  }

  /** The JSON body an HTTP API answers with for this error, in OpenAI's shape. */
  toJSON(): { error: { message: string; type: string; param: string | null; code: string | null } } {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}
