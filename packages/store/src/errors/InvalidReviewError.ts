import { TokenscopeError } from '@tokenscope/core';

/** A review decision to save has a field that is missing or wrong; `field` names it. */
export class InvalidReviewError extends TokenscopeError {
  /** Path of the field, e.g. `decision`, `editedText`. */
  readonly field: string;

  constructor(field: string, detail: string) {
    super('invalid_review', `invalid review field ${field}: ${detail}`, { status: 400, param: field });
    this.field = field;
  }
}
