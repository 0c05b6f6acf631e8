import { TokenscopeError } from '@tokenscope/core';

/** The proxy could not save an exchange in the run store (the client's answer is not affected). */
export class RecordError extends TokenscopeError {
  constructor(what: string, cause: unknown) {
    const reason = (cause instanceof Error ? cause.message : String(cause)).replace(/\s+/g, ' ').trim();
    super(
      'record_failed',
      `could not record ${what}: ${reason}; the client got the upstream's answer unchanged (check the run store, or run with --no-record)`,
      { cause },
    );
  }
}
