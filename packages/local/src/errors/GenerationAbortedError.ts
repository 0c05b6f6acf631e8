import { TokenscopeError } from '@tokenscope/core';

/**
 * A generation or scoring call was stopped through its `AbortSignal`. Its `name` is `'AbortError'`,
 * as for `fetch` and the OpenAI client, so callers can test `error.name === 'AbortError'`.
 */
export class GenerationAbortedError extends TokenscopeError {
  constructor(what: 'generation' | 'scoring' | 'loading', reason?: unknown) {
    super('aborted', `the ${what} was aborted by its signal; send the request again to rerun it`, {
      // The client went away: nobody reads this answer; it only must not count as a server error.
      status: 499,
      cause: reason,
    });
    this.name = 'AbortError';
  }
}
