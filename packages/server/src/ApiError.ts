import { type ErrorType, TokenscopeError } from '@tokenscope/core';

/** OpenAI's error `type` values that this server sends. */
export type ApiErrorType = ErrorType;

/**
 * An error the HTTP API answers with when no more specific error class fits (a request field out of
 * range, an unknown route), in OpenAI's shape `{"error": {message, type, param, code}}`.
 */
export class ApiError extends TokenscopeError {
  /** OpenAI's `error.code` (`model_not_found`, `context_length_exceeded`, ...), or null. */
  readonly apiCode: string | null;

  constructor(
    status: number,
    type: ApiErrorType | (string & {}),
    message: string,
    options: { param?: string | null; code?: string | null; cause?: unknown } = {},
  ) {
    super(options.code ?? type, message, {
      status,
      type,
      param: options.param ?? null,
      cause: options.cause,
    });
    this.apiCode = options.code ?? null;
  }

  override toJSON(): ReturnType<TokenscopeError['toJSON']> {
    return { error: { ...super.toJSON().error, code: this.apiCode } };
  }

  /** 400 `invalid_request_error`, naming the parameter at fault. */
  static invalid(param: string | null, message: string, code: string | null = null): ApiError {
    return new ApiError(400, 'invalid_request_error', message, { param, code });
  }
}
