/** Rows of the `reviews` table (migration 003) and their conversion to core's `RunReview`. */
import type { RunReview } from '@tokenscope/core';

export interface ReviewRow {
  id: number;
  run_id: string;
  sentence: number;
  char_start: number;
  char_end: number;
  text: string;
  decision: RunReview['decision'];
  edited_text: string | null;
  note: string | null;
  decided_at: string;
}

export const REVIEW_COLUMNS =
  'id, run_id, sentence, char_start, char_end, text, decision, edited_text, note, decided_at';

export function toReview(row: ReviewRow): RunReview {
  const review: RunReview = {
    id: Number(row.id),
    runId: row.run_id,
    sentence: row.sentence,
    charStart: row.char_start,
    charEnd: row.char_end,
    text: row.text,
    decision: row.decision,
    decidedAt: row.decided_at,
  };
  if (row.edited_text !== null) review.editedText = row.edited_text;
  if (row.note !== null) review.note = row.note;
  return review;
}

/** The decision in force per sentence (the latest saved), by sentence index, from the history. */
export function latestPerSentence(history: readonly RunReview[]): RunReview[] {
  const latest = new Map<number, RunReview>();
  for (const review of history) {
    const held = latest.get(review.sentence);
    if (held === undefined || review.id > held.id) latest.set(review.sentence, review);
  }
  return [...latest.values()].sort((a, b) => a.sentence - b.sentence);
}
