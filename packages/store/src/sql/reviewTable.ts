/**
 * The `reviews` table: decisions are inserted, never updated (the history is kept); reading gives
 * the whole history and the latest decision per sentence. Both check the run exists.
 */
import type { ReviewDecision, RunReview, RunReviews } from '@tokenscope/core';
import type Database from 'better-sqlite3';
import { RunNotFoundError } from '../errors/RunNotFoundError.js';
import { latestPerSentence, REVIEW_COLUMNS, type ReviewRow, toReview } from './reviewRows.js';

function assertRun(db: Database.Database, runId: unknown): asserts runId is string {
  if (typeof runId !== 'string') throw new RunNotFoundError(String(runId));
  const found = db.prepare('SELECT 1 FROM runs WHERE id = ?').get(runId);
  if (found === undefined) throw new RunNotFoundError(runId);
}

/** Saves a validated decision in one write transaction; returns it as stored. */
export function insertReview(db: Database.Database, runId: string, decision: ReviewDecision): RunReview {
  return db
    .transaction(() => {
      assertRun(db, runId);
      const decidedAt = new Date().toISOString();
      const { lastInsertRowid } = db
        .prepare(
          `INSERT INTO reviews (run_id, sentence, char_start, char_end, text, decision, edited_text, note, decided_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          runId,
          decision.sentence,
          decision.charStart,
          decision.charEnd,
          decision.text,
          decision.decision,
          decision.editedText ?? null,
          decision.note ?? null,
          decidedAt,
        );
      const row = db
        .prepare(`SELECT ${REVIEW_COLUMNS} FROM reviews WHERE id = ?`)
        .get(Number(lastInsertRowid)) as ReviewRow;
      return toReview(row);
    })
    .immediate();
}

/** Every decision on the run, oldest first, and the latest per sentence (one snapshot). */
export function readReviews(db: Database.Database, runId: string): RunReviews {
  return db
    .transaction(() => {
      assertRun(db, runId);
      const rows = db
        .prepare(`SELECT ${REVIEW_COLUMNS} FROM reviews WHERE run_id = ? ORDER BY id`)
        .all(runId) as ReviewRow[];
      const history = rows.map(toReview);
      return { runId, latest: latestPerSentence(history), history };
    })
    .deferred();
}
