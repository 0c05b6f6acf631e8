import { TokenscopeError } from '@tokenscope/core';

/** OpenAI's error `type` values that this server sends. */
export type ApiErrorType = 'invalid_request_error' | 'not_found_error' | 'engine_error' | 'server_error';

/**
 * An error the HTTP API answers with, in OpenAI's shape `{"error": {message, type, param, code}}`.
 * `code` is OpenAI's `code` (`model_not_found`, `context_length_exceeded`, ...), or null.
 */
export class ApiError extends TokenscopeError {
  readonly status: number;
  readonly type: ApiErrorType;
  readonly param: string | null;
  readonly apiCode: string | null;

  constructor(
    status: number,
    type: ApiErrorType,
    message: string,
    options: { param?: string | null; code?: string | null; cause?: unknown } = {},
  ) {
    super(options.code ?? type, message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = status;
    this.type = type;
    this.param = options.param ?? null;
    this.apiCode = options.code ?? null;
  }

  /** 400 `invalid_request_error`, naming the parameter at fault. */
  static invalid(param: string | null, message: string, code: string | null = null): ApiError {
    return new ApiError(400, 'invalid_request_error', message, { param, code });
  }

  /** The JSON body OpenAI sends for this error. */
  toJSON(): { error: { message: string; type: string; param: string | null; code: string | null } } {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.apiCode } };
  }
}
