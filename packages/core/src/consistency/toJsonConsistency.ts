import type { ConsistencyAnalysis } from './ConsistencyAnalysis.js';
import { CONSISTENCY_DISCLAIMER, consistencyLabel } from './consistencyLabel.js';

/** The JSON view of a consistency result: the analysis itself, with its label and disclaimer. */
export interface JsonConsistency extends ConsistencyAnalysis {
  label: string;
  disclaimer: string;
}

/** The analysis plus the sampling-based label and the disclaimer every view shows. */
export function toJsonConsistency(analysis: ConsistencyAnalysis): JsonConsistency {
  return { ...analysis, label: consistencyLabel(analysis), disclaimer: CONSISTENCY_DISCLAIMER };
}
