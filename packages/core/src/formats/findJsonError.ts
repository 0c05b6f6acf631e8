import { MAX_JSON_DEPTH, nestingDepth } from './nestingDepth.js';

/** Where and why a text is not one JSON value. */
export interface JsonErrorSite {
  /** Offset of the first character that cannot be read (the text's length when it ended too early). */
  offset: number;
  /** True when the text is a valid beginning of a JSON value that stops before the value ends. */
  cutOff: boolean;
  reason: string;
  /**
   * Set when the text nests deeper than `MAX_JSON_DEPTH`: how deep it nests (the scan stops there,
   * `offset` is where the limit was passed).
   */
  depth?: number;
}

/**
 * Finds the first syntax error in `text`, which `JSON.parse` rejected. Used only on that failure path,
 * to report a precise line and to tell a value cut off at the end (a truncated stream) from a broken one.
 * Text that nests deeper than `MAX_JSON_DEPTH` is reported as such (`depth`), whatever follows.
 */
export function findJsonError(text: string): JsonErrorSite {
  const scanner = new Scanner(text);
  try {
    scanner.skipSpace();
    scanner.value();
    scanner.skipSpace();
    if (scanner.i < text.length) return scanner.fail('unexpected text after the JSON value');
    return { offset: text.length, cutOff: false, reason: 'not valid JSON' };
  } catch (error) {
    if (error instanceof ScanError) return error.site;
    throw error;
  }
}

class ScanError extends Error {
  constructor(readonly site: JsonErrorSite) {
    super(site.reason);
  }
}

const LITERALS = ['true', 'false', 'null'];

class Scanner {
  i = 0;
  private depth = 0;
  constructor(private readonly text: string) {}

  fail(reason: string): never {
    const cutOff = this.i >= this.text.length;
    throw new ScanError({
      offset: this.i,
      cutOff,
      reason: cutOff ? 'the text ends inside a JSON value' : reason,
    });
  }

  skipSpace(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i]!)) this.i++;
  }

  value(): void {
    const c = this.text[this.i];
    if (c === '{') this.container('}', true);
    else if (c === '[') this.container(']', false);
    else if (c === '"') this.string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) this.number();
    else this.literal(c);
  }

  private literal(c: string | undefined): void {
    for (const word of LITERALS) {
      const part = this.text.slice(this.i, this.i + word.length);
      if (part === word) {
        this.i += word.length;
        return;
      }
      if (word.startsWith(part) && this.i + part.length === this.text.length) {
        this.i = this.text.length;
        this.fail('');
      }
    }
    this.fail(c === undefined ? '' : `unexpected character ${JSON.stringify(c)}`);
  }

  private container(close: string, keyed: boolean): void {
    if (++this.depth > MAX_JSON_DEPTH) {
      const depth = nestingDepth(this.text);
      throw new ScanError({ offset: this.i, cutOff: false, reason: `nests ${depth} levels deep`, depth });
    }
    this.i++;
    this.skipSpace();
    if (this.text[this.i] === close) {
      this.i++;
      this.depth--;
      return;
    }
    for (;;) {
      if (keyed) {
        if (this.text[this.i] !== '"') this.fail('expected a property name in double quotes');
        this.string();
        this.skipSpace();
        if (this.text[this.i] !== ':') this.fail("expected ':' after a property name");
        this.i++;
        this.skipSpace();
      }
      this.value();
      this.skipSpace();
      const c = this.text[this.i];
      if (c === close) {
        this.i++;
        this.depth--;
        return;
      }
      if (c !== ',')
        this.fail(`expected ',' or '${close}' after ${keyed ? 'a property value' : 'an element'}`);
      this.i++;
      this.skipSpace();
    }
  }

  private string(): void {
    this.i++;
    while (this.i < this.text.length) {
      const c = this.text[this.i]!;
      if (c === '"') {
        this.i++;
        return;
      }
      if (c === '\\') this.i++;
      else if (c < ' ') this.fail('control character inside a string');
      this.i++;
    }
    this.fail('');
  }

  private number(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.i, this.i + 400));
    if (match) {
      const next = this.text[this.i + match[0].length];
      if (next === undefined || !'.eE+-0123456789'.includes(next)) {
        this.i += match[0].length;
        return;
      }
    }
    const rest = this.text.length - this.i < 400 ? this.text.slice(this.i) : '';
    // A number that stops at the very end ("-", "1.", "1e") may be a cut-off one.
    if (rest !== '' && /^-?(\d+(\.\d*)?([eE][+-]?\d*)?)?$/.test(rest)) this.i = this.text.length;
    this.fail('invalid number');
  }
}
