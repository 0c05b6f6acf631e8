/** Classification by label likelihood (seed 002): exact (local) and first-token (remote). */
export type {
  Classification,
  ClassificationSampling,
  LabelProbability,
  LabelStatus,
} from './Classification.js';
export { DEFAULT_MIN_MARGIN } from './Classification.js';
export { checkLabels } from './checkLabels.js';
export { type ClassifyOptions, classifyExact, type LabelScore } from './classifyExact.js';
export { classifyFromSamples, type SampleClassifyOptions } from './classifyFromSamples.js';
export { classifyFromTopLogprobs, type FirstTokenOptions } from './classifyFromTopLogprobs.js';
export { buildClassifyPrompt, DEFAULT_CLASSIFY_TEMPLATE, labelContinuation } from './classifyPrompt.js';
export { type ClassifyRow, parseClassifyRows } from './parseClassifyRows.js';
export { formatRawProbability, renderClassificationText } from './renderClassification.js';
export {
  type BatchSummary,
  type ClassifiedRow,
  summarizeClassifications,
} from './summarizeClassifications.js';
