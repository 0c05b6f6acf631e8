import type {
  Analysis,
  AnalysisSourceBase,
  Completion,
  Thresholds,
  Token,
  TokenAnalysis,
} from '@tokenscope/core';
import { analyzeToken, assembleAnalysis, resolveThresholds } from '@tokenscope/core';

/** What the previous call saw: the tokens and their analyses, for the same thresholds and vocabulary. */
export interface GrowingCache {
  tokens: readonly Token[];
  analyses: readonly TokenAnalysis[];
  thresholds: Thresholds;
  vocabSize: number | undefined;
}

/**
 * `analyzeCompletion` for an answer that grows while it streams: the per-token analyses of the
 * unchanged prefix (the same Token objects as last time, same thresholds and vocabulary) are reused,
 * not recomputed, so each update analyses only the new tokens, and a finished token keeps the same
 * TokenAnalysis object (views memoised on identity skip it). The whole-text parts (words, sentences,
 * spans, facts, summary) are recomputed. Returns the analysis and the cache for the next call; the
 * result equals `analyzeCompletion(completion, source, thresholds)`.
 */
export function growingAnalysis(
  completion: Completion,
  source: AnalysisSourceBase,
  thresholds: Thresholds,
  cache: GrowingCache | null,
): { analysis: Analysis; cache: GrowingCache } {
  const resolved = resolveThresholds(thresholds);
  const tokens = completion.tokens;
  const reusable =
    cache !== null && cache.vocabSize === completion.vocabSize && sameThresholds(cache.thresholds, resolved);
  let kept = 0;
  if (reusable) {
    const max = Math.min(tokens.length, cache.tokens.length);
    while (kept < max && tokens[kept] === cache.tokens[kept]) kept++;
  }
  const analyses: TokenAnalysis[] = new Array(tokens.length);
  let offset = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    analyses[i] =
      i < kept ? cache!.analyses[i]! : analyzeToken(token, i, offset, resolved, completion.vocabSize);
    offset += token.text.length;
  }
  const analysis = assembleAnalysis(completion, source, analyses, resolved);
  return {
    analysis,
    cache: { tokens, analyses, thresholds: resolved, vocabSize: completion.vocabSize },
  };
}

function sameThresholds(a: Thresholds, b: Thresholds): boolean {
  return (
    a.lowConfidence === b.lowConfidence &&
    a.ambiguousMargin === b.ambiguousMargin &&
    a.bands.green === b.bands.green &&
    a.bands.lime === b.bands.lime &&
    a.bands.yellow === b.bands.yellow &&
    a.bands.orange === b.bands.orange
  );
}
