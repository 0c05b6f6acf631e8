import { TokenscopeError } from './TokenscopeError.js';

/** A streamed response ends before its end marker (`[DONE]`, `done: true`, a final event). */
export class TruncatedStreamError extends TokenscopeError {
  constructor(detail: string) {
    super('truncated_stream', `the stream is truncated: ${detail}`, { status: 400 });
  }
}
