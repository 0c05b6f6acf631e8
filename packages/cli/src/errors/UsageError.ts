import { TokenscopeError } from '@tokenscope/core';

/** The command line is wrong in a way the option parser cannot see (e.g. no input given). */
export class UsageError extends TokenscopeError {
  constructor(message: string) {
    super('usage', message, { status: 400 });
  }
}
