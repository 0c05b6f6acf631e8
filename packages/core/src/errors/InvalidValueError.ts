import { TokenscopeError } from './TokenscopeError.js';

/** A value in the input is not usable: NaN, a positive logprob, a probability outside 0..1, a wrong type. */
export class InvalidValueError extends TokenscopeError {
  /** Where the value sits in the input, e.g. `choices[0].logprobs.content[3].logprob`. */
  readonly path: string;

  constructor(path: string, detail: string) {
    super('invalid_value', `invalid value at ${path}: ${detail}`, { status: 400 });
    this.path = path;
  }
}
