import { TokenscopeError } from '@tokenscope/core';

/** An error the app's HTTP API answered (a 4xx/5xx with `{ error: { message, type, code } }`). */
export class AppApiError extends TokenscopeError {
  readonly status: number;
  readonly type: string;

  constructor(status: number, message: string, options: { type?: string; code?: string | null } = {}) {
    super(options.code ?? options.type ?? `http_${status}`, message);
    this.status = status;
    this.type = options.type ?? 'api_error';
  }
}
