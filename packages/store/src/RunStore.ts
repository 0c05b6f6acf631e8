import type {
  NewRun,
  ReviewDecision,
  RunList,
  RunListItem,
  RunPatch,
  RunQuery,
  RunRecord,
  RunReview,
  RunReviews,
} from '@tokenscope/core';

/**
 * The run history: every run in one SQLite file (WAL; migrations from `migrations/NNN_name.sql`).
 * Calls are synchronous (better-sqlite3): when `save` returns, the run is committed and survives a
 * `kill -9` of the process. Several processes may open the same file (busy timeout, WAL).
 * Errors: `RunNotFoundError` (unknown id), `InvalidRunError` (a field is wrong; names the field),
 * `StoreOpenError` (the file or folder cannot be opened, or was written by a newer Tokenscope), and
 * core's `InvalidOptionError` for a bad `list` query. See docs/store.md.
 */
export interface RunStore {
  /** Absolute path of the SQLite file. */
  readonly file: string;
  /** Validates, summarises (core analysis of completion 0) and saves a run; returns it as stored. */
  save(run: NewRun): RunRecord;
  get(id: string): RunRecord;
  list(query?: RunQuery): RunList;
  update(id: string, patch: RunPatch): RunRecord;
  /** Deletes a run. Its branches stay (their `branch.parentId` then names a run that is gone). */
  delete(id: string): void;
  /** Every run in the branch tree `id` belongs to (its root and all descendants), oldest first. */
  tree(id: string): RunListItem[];
  /** Tags in use, most used first. */
  tags(): Array<{ tag: string; count: number }>;
  /**
   * Saves a review decision on one of the run's sentences (`InvalidReviewError` for a wrong field,
   * `RunNotFoundError` for an unknown run). Decisions are never overwritten: the latest per sentence
   * is in force, the rest is history. Deleting the run deletes its decisions.
   */
  review(runId: string, decision: ReviewDecision): RunReview;
  /** The run's decisions: the latest per sentence and the whole history (`RunNotFoundError`). */
  reviews(runId: string): RunReviews;
  close(): void;
}

/** Where `openRunStore` puts the database. */
export interface RunStoreOptions {
  /** The SQLite file (default `<dataDir>/runs.sqlite`). `:memory:` for a throwaway store. */
  file?: string;
  /** Default: `defaultDataDir()`. Created when missing. */
  dataDir?: string;
}
