/**
 * Critical facts worth checking, each with the model's confidence in it: the lowest probability
 * (0..1) and the mean logprob (natural log) of the tokens that overlap it, and whether any of them is
 * flagged. `findFactSpans` finds the facts in the text (kinds, precedence, and where names come from
 * are described there and in docs/facts.md); this maps each to its token range.
 */
import type { CriticalFact, TokenAnalysis } from './Analysis.js';
import { findFactSpans } from './findFactSpans.js';
import { rangeStats, tokenLocator } from './tokenRange.js';

export function findCriticalFacts(text: string, tokens: readonly TokenAnalysis[]): CriticalFact[] {
  const locate = tokenLocator(tokens);
  return findFactSpans(text).map(({ kind, charStart, charEnd }) => {
    const [start, end] = locate(charStart, charEnd);
    const stats = rangeStats(tokens, start, end);
    return {
      kind,
      text: text.slice(charStart, charEnd),
      start,
      end,
      charStart,
      charEnd,
      minProb: stats.minProb,
      meanLogprob: stats.meanLogprob,
      flagged: stats.flaggedTokens > 0,
    };
  });
}
