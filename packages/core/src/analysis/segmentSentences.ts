/**
 * Sentences of the response text (see `sentenceRanges` for where they split), each with the tokens
 * that overlap it, its mean logprob (natural log, over tokens with a known logprob), its lowest token
 * probability and how many of its tokens are flagged. The seed's gating rule (publish above a mean
 * logprob of -0.5, review below -1.5) works on these.
 */
import type { Sentence, TokenAnalysis } from './Analysis.js';
import { sentenceRanges } from './sentenceRanges.js';
import { rangeStats, tokenLocator } from './tokenRange.js';

export function segmentSentences(text: string, tokens: readonly TokenAnalysis[]): Sentence[] {
  const locate = tokenLocator(tokens);
  return sentenceRanges(text).map(([charStart, charEnd]) => {
    const [start, end] = locate(charStart, charEnd);
    const stats = rangeStats(tokens, start, end);
    return {
      text: text.slice(charStart, charEnd),
      start,
      end,
      charStart,
      charEnd,
      meanLogprob: stats.meanLogprob,
      minProb: stats.minProb,
      flaggedTokens: stats.flaggedTokens,
    };
  });
}
