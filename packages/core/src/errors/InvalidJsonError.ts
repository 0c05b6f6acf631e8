import { TokenscopeError } from './TokenscopeError.js';

/** The input (or one line / event of a stream) is not valid JSON. */
export class InvalidJsonError extends TokenscopeError {
  /** 1-based line of the input where the bad JSON starts, when known. */
  readonly line: number | undefined;

  constructor(detail: string, line?: number, options?: { cause?: unknown }) {
    super(
      'invalid_json',
      `input is not valid JSON${line === undefined ? '' : ` (line ${line})`}: ${detail}`,
      { status: 400, cause: options?.cause },
    );
    this.line = line;
  }
}
