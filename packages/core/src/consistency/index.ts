/** Confidence from sampling consistency: N answers compared, where logprobs are refused or beside them. */

export {
  analyzeConsistency,
  type ConsistencyOptions,
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
export { CONFIDENCE_SIGNALS, DEFAULT_SAMPLES, MAX_SAMPLES, MIN_SAMPLES } from './ConsistencyAnalysis.js';
export { compareSignals, type SignalComparison } from './compareSignals.js';
export { SENTENCE_MATCH_F1 } from './compareText.js';
export {
  CONSISTENCY_DISCLAIMER,
  consistencyLabel,
  formatCost,
  formatTemperature,
  supportFraction,
  supportSentence,
} from './consistencyLabel.js';
export { type ConsistencySegment, consistencySegments } from './consistencySegments.js';
export {
  type ConsistencyGateOptions,
  type ConsistencyGateResult,
  type ConsistencySentenceGate,
  DEFAULT_CONSISTENCY_PUBLISH,
  gateConsistency,
} from './gateConsistency.js';
export { normalizeAnswer } from './normalizeAnswer.js';
export {
  CONSISTENCY_CSS,
  type ConsistencyHtmlOptions,
  type ConsistencySection,
  consistencySection,
  renderConsistencyHtml,
} from './renderConsistencyHtml.js';
export { renderConsistencyMarkdown, supportMark } from './renderConsistencyMarkdown.js';
export {
  CONSISTENCY_MARKS,
  type ConsistencyTextOptions,
  renderConsistencyText,
} from './renderConsistencyText.js';
export { isSamplingOnly, samplesResponse } from './samplesResponse.js';
export { type SampleVersion, sampleVersions } from './sampleVersions.js';
export { type JsonConsistency, toJsonConsistency } from './toJsonConsistency.js';
export { type UnitTooltip, unitTooltip } from './unitTooltip.js';
