import { TokenscopeError } from '../errors/TokenscopeError.js';

/** A row of a calibration JSON-lines file is unusable. The message names the line and the field. */
export class InvalidRowError extends TokenscopeError {
  /** 1-based line number in the input. */
  readonly line: number;
  /** The field at fault, or null when the line as a whole is (not JSON, not an object). */
  readonly field: string | null;

  constructor(line: number, field: string | null, detail: string) {
    super('invalid_row', `line ${line}${field === null ? '' : `, field "${field}"`}: ${detail}`, {
      status: 400,
      param: field,
    });
    this.line = line;
    this.field = field;
  }
}
