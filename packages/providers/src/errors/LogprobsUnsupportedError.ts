import { TokenscopeError } from '@tokenscope/core';

/**
 * The provider refused logprobs for this model (an error that says so), or answered without them
 * (a server that silently ignores the parameter). One class for every provider's way of saying no.
 */
export class LogprobsUnsupportedError extends TokenscopeError {
  readonly provider: string;
  readonly model: string;
  /** What the provider said or did. */
  readonly reason: string;
  /** What to try instead. */
  readonly suggestion: string;

  constructor(
    init: { provider: string; model: string; reason: string; suggestion: string },
    options?: { cause?: unknown },
  ) {
    super(
      'logprobs_unsupported',
      `${init.provider} gave no logprobs for model "${init.model}": ${init.reason}; ${init.suggestion}`,
      // The endpoint cannot give what was asked of it: the remote side's limit, not this server's.
      { status: 502, cause: options?.cause },
    );
    this.provider = init.provider;
    this.model = init.model;
    this.reason = init.reason;
    this.suggestion = init.suggestion;
  }
}
