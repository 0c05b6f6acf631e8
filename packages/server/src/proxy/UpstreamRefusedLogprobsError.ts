import { TokenscopeError } from '@tokenscope/core';

/**
 * The upstream refused the logprobs the proxy added. The proxy sent the client's own request again, so
 * the client got its answer; from then on it forwards that route and model unchanged and records nothing.
 */
export class UpstreamRefusedLogprobsError extends TokenscopeError {
  readonly upstreamStatus: number;

  constructor(what: string, status: number, body: string) {
    const said = body.replace(/\s+/g, ' ').trim().slice(0, 200);
    super(
      'upstream_refused_logprobs',
      `the upstream refused logprobs for ${what} (${status}: ${said}); the client's own request was sent instead and these exchanges are not recorded (use a model or server that returns logprobs)`,
      { status: 502 },
    );
    this.upstreamStatus = status;
  }
}
