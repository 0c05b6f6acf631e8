/**
 * The `reviews` table: decisions are inserted, never updated (the history is kept); reading gives
 * the whole history and the latest decision per sentence. Both check the run exists.
 */
import type { ReviewDecision, RunReview, RunReviews } from '@tokenscope/core';
import type { SqlDriver, SqlExecutor } from '../driver/SqlDriver.js';
import { RunNotFoundError } from '../errors/RunNotFoundError.js';
import { latestPerSentence, REVIEW_COLUMNS, type ReviewRow, toReview } from './reviewRows.js';

async function assertRun(db: SqlExecutor, runId: unknown): Promise<string> {
  if (typeof runId !== 'string') throw new RunNotFoundError(String(runId));
  const found = await db.get('SELECT 1 AS one FROM runs WHERE id = ?', [runId]);
  if (found === undefined) throw new RunNotFoundError(runId);
  return runId;
}

/** Saves a validated decision in one write transaction; returns it as stored. */
export function insertReview(db: SqlDriver, runId: string, decision: ReviewDecision): Promise<RunReview> {
  return db.transaction('write', async (tx) => {
    await assertRun(tx, runId);
    const decidedAt = new Date().toISOString();
    const row = await tx.get<ReviewRow>(
      `INSERT INTO reviews (run_id, sentence, char_start, char_end, text, decision, edited_text, note, decided_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${REVIEW_COLUMNS}`,
      [
        runId,
        decision.sentence,
        decision.charStart,
        decision.charEnd,
        decision.text,
        decision.decision,
        decision.editedText ?? null,
        decision.note ?? null,
        decidedAt,
      ],
    );
    return toReview(row as ReviewRow);
  });
}

/** Every decision on the run, oldest first, and the latest per sentence (one snapshot). */
export function readReviews(db: SqlDriver, runId: string): Promise<RunReviews> {
  return db.transaction('read', async (tx) => {
    await assertRun(tx, runId);
    const rows = await tx.all<ReviewRow>(
      `SELECT ${REVIEW_COLUMNS} FROM reviews WHERE run_id = ? ORDER BY id`,
      [runId],
    );
    const history = rows.map(toReview);
    return { runId, latest: latestPerSentence(history), history };
  });
}
