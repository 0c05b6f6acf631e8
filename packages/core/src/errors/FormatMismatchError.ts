import { TokenscopeError } from './TokenscopeError.js';

/** The caller named a format (`--from`), but the input has another shape. */
export class FormatMismatchError extends TokenscopeError {
  readonly expected: string;

  constructor(expected: string, seen: string) {
    super('format_mismatch', `the input is not in the ${expected} format: it is ${seen}`, { status: 400 });
    this.expected = expected;
  }
}
