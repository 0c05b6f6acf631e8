import { decodeUtf8Prefix, type Token, utf8Decode } from '@tokenscope/core';

interface Span {
  /** Length of the text before this token. */
  start: number;
  /** Length of the text after it (equal to `start` when it only began a character). */
  end: number;
  /** Bytes of an unfinished character left over from the tokens before it. */
  pendingBefore: number[];
  /** The token leaves bytes of an unfinished character (its bytes reach past `end`). */
  open: boolean;
}

/**
 * Builds the generated text from the tokens' bytes, finds stop strings and streams tokens.
 *
 * - The text is decoded from the bytes of all tokens together (the same decoder as
 *   `mergeSplitCharacters` in core), so a character split across tokens comes out whole while each
 *   token's own `text` stays its piece (U+FFFD for part of a character).
 * - A stop string may span several tokens: the text is searched after every token, and a token is
 *   handed to `onToken` only once no stop string can start in it and its characters are complete
 *   (text that could begin a stop string is held back). Without stop strings, tokens go out at once
 *   (a token that holds part of a character waits for the token that completes it).
 * - On a stop string the text ends before it. Tokens that start at or after it are dropped; a token
 *   that holds text before it and the stop string's beginning keeps only its bytes before the stop
 *   (its `text` and `bytes` are cut there; `id`, `logprob` and `top` stay the token's).
 */
export class OutputAssembler {
  private readonly stops: readonly string[];
  private readonly longestStop: number;
  private readonly onToken: ((token: Token) => void) | undefined;
  private readonly tokens: Token[] = [];
  private readonly spans: Span[] = [];
  private pending: number[] = [];
  private text = '';
  private emitted = 0;
  private stopped = false;

  constructor(stops: readonly string[], onToken?: (token: Token) => void) {
    this.stops = stops.filter((s) => s.length > 0);
    this.longestStop = this.stops.reduce((n, s) => Math.max(n, s.length), 0);
    this.onToken = onToken;
  }

  /** Adds a generated token. Returns true when a stop string was found: generation should end. */
  push(token: Token): boolean {
    if (this.stopped) throw new Error('OutputAssembler: a token came after the stop string');
    const start = this.text.length;
    const pendingBefore = this.pending;
    const decoded = decodeUtf8Prefix(
      pendingBefore.length === 0 ? (token.bytes ?? []) : [...pendingBefore, ...(token.bytes ?? [])],
    );
    this.text += decoded.text;
    this.pending = decoded.pending;
    this.tokens.push(token);
    this.spans.push({ start, end: this.text.length, pendingBefore, open: decoded.pending.length > 0 });
    if (this.stops.length > 0) {
      const at = this.findStop(start);
      if (at >= 0) {
        this.cut(at);
        this.stopped = true;
        return true;
      }
    }
    this.emit(this.stops.length === 0 ? this.text.length : this.safeLength());
    return false;
  }

  /** Ends the output: flushes held tokens and returns the text and tokens. */
  finish(): { text: string; tokens: Token[] } {
    if (!this.stopped && this.pending.length > 0) {
      this.text += utf8Decode(this.pending);
      this.pending = [];
    }
    this.emitUpTo(this.tokens.length - 1);
    return { text: this.text, tokens: this.tokens };
  }

  private findStop(previousLength: number): number {
    const from = Math.max(0, previousLength - this.longestStop + 1);
    let best = -1;
    for (const stop of this.stops) {
      const at = this.text.indexOf(stop, from);
      if (at >= 0 && (best < 0 || at < best)) best = at;
    }
    return best;
  }

  /** Text length before which no stop string can start: a tail that may begin one is held back. */
  private safeLength(): number {
    const text = this.text;
    for (let i = Math.max(0, text.length - this.longestStop + 1); i < text.length; i++) {
      const tail = text.slice(i);
      if (this.stops.some((stop) => stop.startsWith(tail))) return i;
    }
    return text.length;
  }

  /**
   * Hands out the tokens that end at or before `safeLength`. A token that leaves part of a character
   * goes out with the token that completes it: its bytes belong to text that may still be cut.
   */
  private emit(safeLength: number): void {
    while (this.emitted < this.tokens.length) {
      let last = this.emitted;
      while (last < this.tokens.length && this.spans[last]!.open) last++;
      if (last === this.tokens.length || this.spans[last]!.end > safeLength) return;
      this.emitUpTo(last);
    }
  }

  /** Ends the text at `at` (where the stop string starts) and cuts the tokens there. */
  private cut(at: number): void {
    this.text = this.text.slice(0, at);
    let keep = 0;
    while (keep < this.tokens.length && this.spans[keep]!.start < at) keep++;
    this.tokens.length = keep;
    this.spans.length = keep;
    this.pending = [];
    const lastIndex = keep - 1;
    const last = this.tokens[lastIndex];
    const span = this.spans[lastIndex];
    if (last === undefined || span === undefined || !last.bytes) return;
    const wanted = at - span.start;
    // A token that ends before the stop may still hold its first bytes (an unfinished character).
    const whole = decodeUtf8Prefix([...span.pendingBefore, ...last.bytes]);
    if (whole.text.length <= wanted && whole.pending.length === 0) return;
    // Keep the shortest prefix of the token's bytes that decodes to the text before the stop.
    let count = 0;
    while (count < last.bytes.length) {
      count++;
      const { text } = decodeUtf8Prefix([...span.pendingBefore, ...last.bytes.slice(0, count)]);
      if (text.length >= wanted) break;
    }
    const bytes = last.bytes.slice(0, count);
    this.tokens[lastIndex] = { ...last, text: utf8Decode(bytes), bytes };
    this.spans[lastIndex] = { ...span, end: at, open: false };
  }

  /** Hands out tokens up to and including index `last` (an optional `onToken` must not skip the count). */
  private emitUpTo(last: number): void {
    while (this.emitted <= last) {
      const token = this.tokens[this.emitted]!;
      this.emitted++;
      this.onToken?.(token);
    }
  }
}
