/** Test helpers: hand-built tokens and completions for the analysis tests. */
import type { Completion } from '../../model/Completion.js';
import type { Token, TopAlternative } from '../../model/Token.js';
import type { TokenAnalysis } from '../Analysis.js';
import { analyzeToken } from '../analyzeToken.js';
import { DEFAULT_THRESHOLDS } from '../Thresholds.js';

export function alt(text: string, logprob: number | null, extra: Partial<TopAlternative> = {}): TopAlternative {
  return { text, logprob, bytes: null, ...extra };
}

export function tok(
  text: string,
  logprob: number | null,
  top: Array<[string, number | null]> = [],
  extra: Partial<Token> = {},
): Token {
  return { text, logprob, bytes: null, top: top.map(([t, lp]) => alt(t, lp)), ...extra };
}

export function completionOf(tokens: Token[], extra: Partial<Completion> = {}): Completion {
  return {
    index: 0,
    text: tokens.map((t) => t.text).join(''),
    tokens,
    distribution: 'unknown',
    topK: tokens.reduce((k, t) => Math.max(k, t.top.length), 0),
    ...extra,
  };
}

/** Analyses tokens given as [text, logprob] pairs with the default thresholds. */
export function analyzed(pieces: Array<[string, number | null] | Token>): TokenAnalysis[] {
  let offset = 0;
  return pieces.map((piece, i) => {
    const token = Array.isArray(piece) ? tok(piece[0], piece[1]) : piece;
    const result = analyzeToken(token, i, offset, DEFAULT_THRESHOLDS);
    offset += token.text.length;
    return result;
  });
}

/** Splits `text` into one token per word-ish piece (whitespace attached in front), all with `logprob`. */
export function tokensOf(text: string, logprob = -0.01): TokenAnalysis[] {
  const pieces = text.match(/\s*[^\s]+|\s+/gu) ?? [];
  return analyzed(pieces.map((p) => [p, logprob]));
}
