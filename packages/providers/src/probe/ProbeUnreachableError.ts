import { TokenscopeError } from '@tokenscope/core';

/** The probe's first request got no answer at all: wrong URL, server down, or a timeout. */
export class ProbeUnreachableError extends TokenscopeError {
  readonly url: string;

  constructor(url: string, reason: string) {
    super(
      'probe_unreachable',
      `Expected an answer from ${url}, got none (${reason}); check the base URL and that the server is running`,
      { status: 502 },
    );
    this.url = url;
  }
}
