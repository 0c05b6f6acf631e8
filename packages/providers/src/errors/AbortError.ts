import { TokenscopeError } from '@tokenscope/core';

/** The caller aborted the request (its `AbortSignal`). */
export class AbortError extends TokenscopeError {
  constructor(url: string, reason?: unknown) {
    super('aborted', `the request to ${url} was aborted by the caller`, { status: 499, cause: reason });
  }
}
