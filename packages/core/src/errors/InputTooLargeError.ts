import { TokenscopeError } from './TokenscopeError.js';

/** The input is larger than the limit for its kind. */
export class InputTooLargeError extends TokenscopeError {
  constructor(detail: string) {
    super('input_too_large', detail, { status: 413 });
  }
}
