export type {
  Analysis,
  CriticalFact,
  FactKind,
  LowConfidenceSpan,
  Sentence,
  Summary,
  TokenAnalysis,
  Word,
} from './Analysis.js';
export { FACT_KINDS } from './Analysis.js';
export type { Band, Clue, Thresholds } from './Thresholds.js';
export { BANDS, CLUES, DEFAULT_THRESHOLDS } from './Thresholds.js';
