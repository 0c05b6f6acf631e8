/** Confidence from sampling consistency: N answers compared, where logprobs are refused or beside them. */

export {
  analyzeConsistency,
  type ConsistencyOptions,
  SENTENCE_MATCH_F1,
  SHORT_ANSWER_WORDS,
} from './analyzeConsistency.js';
export type {
  AgreementUnit,
  AnswerCount,
  ConfidenceSignal,
  ConsistencyAnalysis,
  ConsistencyCost,
  ConsistencyMode,
  ConsistencySample,
  FactAgreement,
} from './ConsistencyAnalysis.js';
export { CONFIDENCE_SIGNALS } from './ConsistencyAnalysis.js';
export {
  type ConsistencyGateOptions,
  type ConsistencyGateResult,
  type ConsistencySentenceGate,
  DEFAULT_CONSISTENCY_PUBLISH,
  gateConsistency,
} from './gateConsistency.js';
export { normalizeAnswer } from './normalizeAnswer.js';
export { isSamplingOnly, samplesResponse } from './samplesResponse.js';
