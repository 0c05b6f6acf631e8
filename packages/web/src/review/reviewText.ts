import type { ReviewDecisionKind, ReviewQueueSentence } from '@tokenscope/core';
import { formatProbability } from '@tokenscope/core';

const DECISION_LABEL: Record<ReviewDecisionKind, string> = {
  approved: 'Approved',
  rejected: 'Rejected',
  edited: 'Edited',
};

/** How a stored decision is named. */
export function decisionLabel(decision: ReviewDecisionKind): string {
  return DECISION_LABEL[decision];
}

/** The low-confidence facts of a sentence in one line: `date "1889" (5.0 %) · name "Lily" (8.1 %)`. */
export function describeFacts(facts: ReviewQueueSentence['lowConfidenceFacts']): string {
  return facts.map((f) => `${f.kind} “${f.text}” (${formatProbability(f.minProb)})`).join(' · ');
}

/** `3 sentences wait for review in 2 runs (newest 50 of 120 runs scanned)`. */
export function queueHeadline(pending: number, runs: number, scanned: number, total: number): string {
  const s = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const scope =
    scanned < total ? `newest ${scanned} of ${total} runs scanned` : `all ${s(total, 'run', 'runs')} scanned`;
  if (pending === 0) return `Nothing waits for review (${scope}).`;
  return `${s(pending, 'sentence waits', 'sentences wait')} for review in ${s(runs, 'run', 'runs')} (${scope}).`;
}
