import type { Token } from '@tokenscope/core';
import { jsonLogprob, legacyTokenText, Utf8Stream } from './tokenText.js';

/** `choices[i].logprobs` of OpenAI's legacy Completions API (parallel arrays). */
export interface LegacyLogprobs {
  tokens: string[];
  token_logprobs: Array<number | null>;
  top_logprobs: Array<Record<string, number> | null>;
  text_offset: number[];
}

/** Builds legacy arrays token by token, tracking each token's character offset in the text. */
export class LegacyLogprobsBuilder {
  private readonly utf8 = new Utf8Stream();
  /** Characters (Unicode code points, as OpenAI's Python servers count) of text decoded so far. */
  offset: number;

  constructor(startOffset = 0) {
    this.offset = startOffset;
  }

  /**
   * Appends tokens; `nullFirst` makes the very first token's logprob and alternatives null (OpenAI's
   * echo: nothing precedes the first prompt token). Returns the arrays and the text they complete.
   */
  add(tokens: readonly Token[], nullFirst = false): { logprobs: LegacyLogprobs; text: string } {
    const logprobs: LegacyLogprobs = { tokens: [], token_logprobs: [], top_logprobs: [], text_offset: [] };
    let text = '';
    tokens.forEach((token, i) => {
      const empty = nullFirst && i === 0;
      logprobs.tokens.push(legacyTokenText(token));
      logprobs.token_logprobs.push(empty ? null : jsonLogprob(token.logprob));
      logprobs.top_logprobs.push(empty ? null : topMap(token));
      logprobs.text_offset.push(this.offset);
      const piece = this.utf8.push(token);
      text += piece;
      this.offset += codePoints(piece);
    });
    return { logprobs, text };
  }

  /** Text of an incomplete character left at the very end. */
  flush(): string {
    const rest = this.utf8.flush();
    this.offset += codePoints(rest);
    return rest;
  }
}

function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** `{token: logprob}` of a token's alternatives; the first of equal texts wins (highest first). */
function topMap(token: Token): Record<string, number> {
  // No prototype: a token may be spelt `__proto__`.
  const map = Object.create(null) as Record<string, number>;
  for (const alt of token.top) {
    const key = legacyTokenText(alt);
    if (!(key in map)) map[key] = jsonLogprob(alt.logprob);
  }
  return map;
}
