import type { CriticalFact } from '../analysis/Analysis.js';

/**
 * Human review of a run's sentences (confidence gating, seed 001): a person approves, rejects or
 * edits a sentence the gate flagged (or any other). Decisions are stored with the run; the latest
 * one per sentence is in force and the older ones are kept as its history.
 */
export const REVIEW_DECISIONS = ['approved', 'rejected', 'edited'] as const;
export type ReviewDecisionKind = (typeof REVIEW_DECISIONS)[number];

/** One decision on one sentence: `RunStore.review(runId, decision)`, `POST /api/runs/:id/reviews`. */
export interface ReviewDecision {
  /** Index of the sentence in core's analysis of completion 0 (`analysis.sentences`, `gate`'s `index`). */
  sentence: number;
  /** The sentence's character range [charStart, charEnd) in the answer text. */
  charStart: number;
  charEnd: number;
  /** The sentence as it read when decided (1-20,000 characters). */
  text: string;
  decision: ReviewDecisionKind;
  /** The corrected sentence: required for `edited` (1-20,000 characters), absent otherwise. */
  editedText?: string;
  /** Why (at most 2,000 characters). */
  note?: string;
}

/** A stored decision. */
export interface RunReview extends ReviewDecision {
  /** Increasing with each decision saved (the order decisions were made in). */
  id: number;
  runId: string;
  /** ISO 8601 (UTC). */
  decidedAt: string;
}

/** `RunStore.reviews(runId)`, `GET /api/runs/:id/reviews`. */
export interface RunReviews {
  runId: string;
  /** The decision in force for each sentence decided (the latest one), by sentence index. */
  latest: RunReview[];
  /** Every decision, oldest first. */
  history: RunReview[];
}

/** A sentence of the review queue: what the gate said about it and why. */
export interface ReviewQueueSentence {
  index: number;
  text: string;
  charStart: number;
  charEnd: number;
  /** Null when no token of the sentence has a known logprob. */
  meanLogprob: number | null;
  /** The gate's reason (one line). */
  reason: string;
  /** A run made from samples only: the sentence's sampling agreement (its verdict is `gateConsistency`'s). */
  agreement?: number;
  lowConfidenceFacts: Array<
    Pick<CriticalFact, 'kind' | 'text' | 'minProb'> & {
      /** Null when not finite. */
      meanLogprob: number | null;
    }
  >;
}

/** A run with sentences waiting for review. */
export interface ReviewQueueRun {
  runId: string;
  title: string;
  model: string;
  createdAt: string;
  /** Sentences in the run (all verdicts). */
  sentences: number;
  /** Sentences that have a decision (any verdict). */
  decided: number;
  /** The sentences the gate sends to review that have no decision yet, in order. */
  pending: ReviewQueueSentence[];
}

/** `GET /api/review-queue?limit=&publish=&review=`. */
export interface ReviewQueue {
  thresholds: { publish: number; review: number };
  /** Runs looked at: the newest `limit` of `totalRuns`. */
  scanned: number;
  totalRuns: number;
  /** Runs with at least one pending sentence, newest first. */
  runs: ReviewQueueRun[];
  /** Pending sentences in all `runs`. */
  pending: number;
}
