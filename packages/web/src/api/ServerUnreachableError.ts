import { TokenscopeError } from '@tokenscope/core';

/** The request never got an answer: the server is down or the network failed. */
export class ServerUnreachableError extends TokenscopeError {
  constructor(path: string, cause: unknown) {
    super(
      'server_unreachable',
      `Expected an answer from the Tokenscope server for ${path}, got none (${cause instanceof Error ? cause.message : String(cause)}): check that \`tokenscope\` is still running, then try again.`,
      { cause },
    );
  }
}
