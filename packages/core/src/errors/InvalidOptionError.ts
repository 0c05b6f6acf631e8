import { TokenscopeError } from './TokenscopeError.js';

/** An option (threshold, temperature, format name) is out of range or unknown. */
export class InvalidOptionError extends TokenscopeError {
  readonly option: string;

  constructor(option: string, detail: string) {
    super('invalid_option', `invalid ${option}: ${detail}`, { status: 400 });
    this.option = option;
  }
}
