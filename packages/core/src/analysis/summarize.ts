/**
 * Sequence-level scores. Logprobs are natural-log. Only tokens with a known logprob are scored (a
 * sentinel says "below the reported top-k", not a value), and control tokens (end of turn, ...) only
 * with `countControlTokens` (they are not part of the text): meanLogprob = sumLogprob / scoredTokens
 * (0 with none), perplexity = exp(-meanLogprob) (1 with none), minProb over the scored tokens.
 */
import type { Summary, TokenAnalysis } from './Analysis.js';
import { BANDS, type Band, CLUES, type Clue } from './Thresholds.js';

export function summarize(tokens: readonly TokenAnalysis[], countControlTokens = false): Summary {
  const clueCounts = Object.fromEntries(CLUES.map((c) => [c, 0])) as Record<Clue, number>;
  const bandCounts = Object.fromEntries(BANDS.map((b) => [b, 0])) as Record<Band, number>;
  let scoredTokens = 0;
  let sumLogprob = 0;
  let minProb: number | null = null;
  let minProbIndex: number | null = null;
  let flaggedTokens = 0;
  let controlTokens = 0;
  let counted = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.control) {
      controlTokens++;
      if (!countControlTokens) continue;
    }
    counted++;
    if (t.logprob !== null) {
      scoredTokens++;
      sumLogprob += t.logprob;
      const p = t.prob ?? Math.exp(t.logprob);
      if (minProb === null || p < minProb) {
        minProb = p;
        minProbIndex = i;
      }
    }
    if (t.flagged) flaggedTokens++;
    for (const clue of t.clues) clueCounts[clue]++;
    bandCounts[t.band]++;
  }
  const meanLogprob = scoredTokens > 0 ? sumLogprob / scoredTokens : 0;
  return {
    tokens: counted,
    controlTokens,
    countsControlTokens: countControlTokens,
    scoredTokens,
    sumLogprob,
    meanLogprob,
    perplexity: Math.max(1, Math.exp(-meanLogprob)),
    minProb,
    minProbIndex,
    flaggedTokens,
    clueCounts,
    bandCounts,
  };
}
