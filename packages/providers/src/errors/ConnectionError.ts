import { TokenscopeError } from '@tokenscope/core';

/** The request never got an answer: refused, reset, DNS failure, or the connection dropped mid-stream. */
export class ConnectionError extends TokenscopeError {
  readonly url: string;

  constructor(url: string, detail: string, options?: { cause?: unknown }) {
    super(
      'connection_error',
      `could not reach ${url}: ${detail}; check the base URL and that the server is running`,
      { status: 502, cause: options?.cause },
    );
    this.url = url;
  }
}
