import { TokenscopeError } from './TokenscopeError.js';

/**
 * The input nests arrays and objects deeper than any response format does. Such input is rejected
 * before anything walks it further, so that it cannot exhaust the stack.
 */
export class NestingTooDeepError extends TokenscopeError {
  /** How deep the input nests, when it was measured (a cut-off input may nest deeper still). */
  readonly depth: number | undefined;
  /** 1-based line of the input where the value starts, when known. */
  readonly line: number | undefined;

  constructor(limit: number, depth?: number, line?: number) {
    const how = depth === undefined ? `deeper than ${limit} levels` : `${depth} levels deep`;
    super(
      'nesting_too_deep',
      `input nests ${how}${line === undefined ? '' : ` (line ${line})`}; the limit is ${limit} levels ` +
        '(no response format nests arrays and objects that deep)',
      { status: 400 },
    );
    this.depth = depth;
    this.line = line;
  }
}
