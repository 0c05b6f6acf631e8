import { TokenscopeError } from '@tokenscope/core';

/** An attempt took longer than the timeout (waiting for headers, the body, or the next stream chunk). */
export class TimeoutError extends TokenscopeError {
  readonly url: string;
  readonly timeoutMs: number;

  constructor(url: string, timeoutMs: number, what: string) {
    super(
      'timeout',
      `${url} sent nothing for ${timeoutMs} ms while ${what}; raise the timeout (timeoutMs, --timeout) or check the server`,
      { status: 504 },
    );
    this.url = url;
    this.timeoutMs = timeoutMs;
  }
}
