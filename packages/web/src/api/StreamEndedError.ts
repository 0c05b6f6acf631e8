import { TokenscopeError } from '@tokenscope/core';

/** A generation stream ended before its `done` event. */
export class StreamEndedError extends TokenscopeError {
  constructor(tokens: number) {
    super(
      'stream_ended',
      `Expected the generation stream to end with the saved run, but it stopped after ${tokens} token(s): the server may have stopped; check its terminal and try again.`,
    );
  }
}
