import { TokenscopeError } from '@tokenscope/core';

/** An error the app's HTTP API answered (a 4xx/5xx with `{ error: { message, type, code } }`). */
export class AppApiError extends TokenscopeError {
  constructor(status: number, message: string, options: { type?: string; code?: string | null } = {}) {
    super(options.code ?? options.type ?? `http_${status}`, message, {
      status,
      type: options.type ?? 'api_error',
    });
  }
}
