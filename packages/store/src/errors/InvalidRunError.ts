import { TokenscopeError } from '@tokenscope/core';

/** A run to save (or a patch) has a field that is missing or wrong; `field` names it and what was expected. */
export class InvalidRunError extends TokenscopeError {
  /** Path of the field, e.g. `response.completions[0].tokens[3].logprob`, `tags[2]`. */
  readonly field: string;

  constructor(field: string, detail: string) {
    super('invalid_run', `invalid run field ${field}: ${detail}`, { status: 400, param: field });
    this.field = field;
  }
}
