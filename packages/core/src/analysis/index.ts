/** The analysis: per-token metrics, summary, words, sentences, critical facts and low-confidence spans. */
export type {
  Analysis,
  CriticalFact,
  Ending,
  FactKind,
  LowConfidenceSpan,
  Sentence,
  Summary,
  TokenAnalysis,
  Word,
} from './Analysis.js';
export { FACT_KINDS } from './Analysis.js';
export type { AnalyzeOptions } from './analyze.js';
export { analyze, analyzeCompletion } from './analyze.js';
export { analyzeToken } from './analyzeToken.js';
export { type AnalysisSourceBase, assembleAnalysis } from './assembleAnalysis.js';
export { bandOf } from './bandOf.js';
export { endingOf } from './endingOf.js';
export type { EntropyBounds } from './entropyBounds.js';
export { entropyBounds } from './entropyBounds.js';
export { findCriticalFacts } from './findCriticalFacts.js';
export { type FactSpan, findFactSpans } from './findFactSpans.js';
export { findFactsInText, type TextFact } from './findFactsInText.js';
export { findLowConfidenceSpans } from './findLowConfidenceSpans.js';
export { currentNameFinder, type NameFinder, useNameFinder } from './nameFinder.js';
export type { ThresholdOverrides } from './resolveThresholds.js';
export { resolveThresholds } from './resolveThresholds.js';
export { segmentSentences } from './segmentSentences.js';
export { segmentWords } from './segmentWords.js';
export { sentenceRanges } from './sentenceRanges.js';
export { summarize } from './summarize.js';
export type { Band, Clue, Thresholds } from './Thresholds.js';
export { BANDS, CLUES, DEFAULT_THRESHOLDS } from './Thresholds.js';
