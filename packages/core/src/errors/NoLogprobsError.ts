import { TokenscopeError } from './TokenscopeError.js';

/**
 * The response parsed, but carries no logprobs (`logprobs: null`, empty arrays, or a server that
 * ignored the request). `hint` says what to request.
 */
export class NoLogprobsError extends TokenscopeError {
  readonly format: string;

  constructor(format: string, hint: string) {
    super('no_logprobs', `the ${format} response has no logprobs: ${hint}`, { status: 400 });
    this.format = format;
  }
}
