/**
 * Words: maximal runs of letters, digits and combining marks (Unicode \p{L}\p{N}\p{M}), joined by
 * apostrophes and hyphens inside a word (don't, well-known) and by `.`/`,` between digits (3.14,
 * 1,200). Whitespace and punctuation are not words. A word's tokens are every token whose characters
 * overlap it, so one token may belong to several words ("there was a "). Logprobs natural-log.
 */
import type { TokenAnalysis, Word } from './Analysis.js';
import { rangeStats, tokenLocator } from './tokenRange.js';

const CORE = '[\\p{L}\\p{N}\\p{M}]+';
const JOINER = "(?:['\u2019\\-\u2010\u2011]|(?<=\\p{N})[.,](?=\\p{N}))";
/** One word, as `segmentWords` finds them. Global: reset `lastIndex` or use `matchAll`. */
export const WORD_PATTERN = new RegExp(`${CORE}(?:${JOINER}${CORE})*`, 'gu');

export function segmentWords(text: string, tokens: readonly TokenAnalysis[]): Word[] {
  const locate = tokenLocator(tokens);
  const words: Word[] = [];
  for (const m of text.matchAll(WORD_PATTERN)) {
    const charStart = m.index;
    const charEnd = charStart + m[0].length;
    const [start, end] = locate(charStart, charEnd);
    const stats = rangeStats(tokens, start, end);
    words.push({
      text: m[0],
      start,
      end,
      charStart,
      charEnd,
      meanLogprob: stats.meanLogprob,
      minProb: stats.minProb,
      flagged: stats.flaggedTokens > 0,
    });
  }
  return words;
}
