import { TokenscopeError } from '@tokenscope/core';

/**
 * A 2xx answer that lacks what every answer of its API carries (the text of a sampled answer): the
 * upstream is not the API it was taken for, or changed. A 502: the remote side's fault.
 */
export class MalformedAnswerError extends TokenscopeError {
  readonly provider: string;

  constructor(provider: string, detail: string) {
    super(
      'malformed_answer',
      `${provider} answered in an unexpected shape: ${detail}; check --provider (the API the server speaks) and the base URL`,
      { status: 502, type: 'server_error' },
    );
    this.provider = provider;
  }
}
