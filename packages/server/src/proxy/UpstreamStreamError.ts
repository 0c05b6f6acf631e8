import { TokenscopeError } from '@tokenscope/core';

/**
 * The upstream's response body failed half-way (connection cut, upstream crashed). The client's
 * response then ends abnormally too, as it would have without the proxy. The stack is the message
 * alone: the HTTP server logs this error, and one line says all there is to say.
 */
export class UpstreamStreamError extends TokenscopeError {
  constructor(upstream: string, cause: unknown) {
    const inner = (cause as { cause?: { message?: unknown } })?.cause?.message;
    const reason = [
      cause instanceof Error ? cause.message : String(cause),
      typeof inner === 'string' ? inner : '',
    ]
      .filter((t) => t !== '')
      .join(': ');
    super(
      'upstream_stream_failed',
      `the upstream ${upstream} ended its response early (${reason}); the client's response was cut off the same way`,
      { status: 502 },
    );
    this.stack = `${this.name}: ${this.message}`;
  }
}
