import type { Ending } from '../analysis/Analysis.js';
import type { ConsistencyAnalysis } from './ConsistencyAnalysis.js';
import { CONSISTENCY_DISCLAIMER, consistencyLabel } from './consistencyLabel.js';
import { shownEnding } from './shownEndingNotes.js';

/** The JSON view of a consistency result: the analysis itself, with its label and disclaimer. */
export interface JsonConsistency extends ConsistencyAnalysis {
  label: string;
  disclaimer: string;
  /** How the shown sample ended (as the token report's `ending`): `cutOff` when the token limit stopped it. */
  ending: Ending;
}

/** The analysis plus the sampling-based label and the disclaimer every view shows. */
export function toJsonConsistency(analysis: ConsistencyAnalysis): JsonConsistency {
  return {
    ...analysis,
    label: consistencyLabel(analysis),
    disclaimer: CONSISTENCY_DISCLAIMER,
    ending: shownEnding(analysis),
  };
}
