import type {
  BatchProgress,
  BatchRowFailure,
  DatasetExportRow,
  DatasetListItem,
  DatasetQuery,
  DatasetSettings,
  DatasetSummary,
  GateThresholds,
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
import type { EncodedRun, StoredRun } from './encodeRun.js';

/**
 * The run history, behind one asynchronous interface with two backends: SQLite (one embedded file,
 * the default) and PostgreSQL (a team's shared server, `--database-url postgres://...`). Both run
 * the same numbered migrations and pass the same test suite. When `save` resolves, the run is
 * committed and survives a `kill -9`. Several processes (on several machines, with PostgreSQL) may
 * write one store at once.
 *
 * Errors: `RunNotFoundError` (unknown id), `InvalidRunError` (a field is wrong; names the field),
 * `StoreOpenError` (cannot be opened, or written by a newer Tokenscope), core's
 * `InvalidOptionError` for a bad query. See docs/store.md.
 */
export interface RunStore {
  /** Where the runs are: the SQLite file's absolute path, or the PostgreSQL URL without its password. */
  readonly location: string;
  readonly backend: 'sqlite' | 'postgres';
  /** Validates, summarises (core analysis of completion 0) and saves a run; returns it as stored. */
  save(run: NewRun): Promise<RunRecord>;
  /**
   * Saves a run that `encodeRun` (`@tokenscope/store/encodeRun`) validated and encoded, perhaps on
   * another thread: only the inserts run here. Answers the stored run without its response.
   */
  saveEncoded(run: EncodedRun): Promise<StoredRun>;
  get(id: string): Promise<RunRecord>;
  list(query?: RunQuery): Promise<RunList>;
  update(id: string, patch: RunPatch): Promise<RunRecord>;
  /** Deletes a run. Its branches stay (their `branch.parentId` then names a run that is gone). */
  delete(id: string): Promise<void>;
  /** Every run in the branch tree `id` belongs to (its root and all descendants), oldest first. */
  tree(id: string): Promise<RunListItem[]>;
  /** Tags in use, most used first. */
  tags(): Promise<Array<{ tag: string; count: number }>>;
  /**
   * Saves a review decision on one of the run's sentences (`InvalidReviewError` for a wrong field,
   * `RunNotFoundError` for an unknown run). Decisions are never overwritten: the latest per sentence
   * is in force, the rest is history. Deleting the run deletes its decisions.
   */
  review(runId: string, decision: ReviewDecision): Promise<RunReview>;
  /** The run's decisions: the latest per sentence and the whole history (`RunNotFoundError`). */
  reviews(runId: string): Promise<RunReviews>;

  /** Datasets with runs, most recent first. */
  datasets(): Promise<DatasetListItem[]>;
  /** Distinct values to filter by: models, prompt versions (of `dataset` when given). */
  facets(dataset?: string): Promise<{ models: string[]; promptVersions: string[] }>;
  /** Aggregates the runs matching the query in the database (groups, histogram, verdicts, facts). */
  datasetSummary(query?: DatasetQuery): Promise<DatasetSummary>;
  /** A dataset's settings (thresholds null when never saved). */
  datasetSettings(name: string): Promise<DatasetSettings>;
  /** Saves the gate thresholds `gate`, `batch` and the review queue use for the dataset. */
  saveDatasetThresholds(
    name: string,
    thresholds: GateThresholds | null,
    note?: string,
  ): Promise<DatasetSettings>;
  /** Every run matching the query with its scores and reviews, oldest first, read in pages. */
  exportRows(query?: Omit<RunQuery, 'limit' | 'offset'>): AsyncIterable<DatasetExportRow>;

  /**
   * Batch rows (`tokenscope batch`): each row of a dataset has a stable key and is done once.
   * `claimRow` takes the row for `worker` until `leaseMs` from now: `claimed` when this worker now
   * holds it (new, failed before, or its lease ran out: the worker died); `done` when it is already
   * stored; `busy` when another worker holds a live lease on it. A failed row is taken again only
   * when it failed before `retryFailedBefore` (ms since the epoch; default: now), so that one batch
   * tries a bad row once and the next batch tries it again.
   */
  claimRow(
    dataset: string,
    rowKey: string,
    worker: string,
    leaseMs: number,
    retryFailedBefore?: number,
  ): Promise<'claimed' | 'done' | 'busy'>;
  /** `claimRow` for several rows in one statement and one commit (what `tokenscope batch` uses). */
  claimRows(
    dataset: string,
    rowKeys: readonly string[],
    worker: string,
    leaseMs: number,
    retryFailedBefore?: number,
  ): Promise<Map<string, 'claimed' | 'done' | 'busy'>>;
  /**
   * `completeRow` for several rows in one transaction and one commit. The runs are validated first:
   * an invalid one throws `InvalidRunError` and nothing is saved (complete the others one by one).
   */
  completeRows(
    dataset: string,
    worker: string,
    rows: ReadonlyArray<{ rowKey: string; run: NewRun }>,
  ): Promise<Array<RunRecord | null>>;
  /** Ends the leases `worker` holds (a worker found dead): its rows can be claimed at once. Returns how many. */
  releaseClaims(dataset: string, worker: string): Promise<number>;
  /** Extends the leases of the rows `worker` holds in the dataset. */
  renewClaims(dataset: string, worker: string, leaseMs: number): Promise<void>;
  /**
   * Saves the row's run and marks the row done in one transaction, only while `worker` still holds
   * it; null (and nothing saved) when the claim was lost to another worker.
   */
  completeRow(dataset: string, rowKey: string, worker: string, run: NewRun): Promise<RunRecord | null>;
  /** Records the row's error (the row is tried again by the next batch over the dataset). */
  failRow(dataset: string, rowKey: string, worker: string, error: string): Promise<void>;
  /** Rows claimed by other workers and not finished: keys and lease ends (ms since the epoch). */
  openClaims(dataset: string): Promise<Array<{ rowKey: string; worker: string; leaseUntil: number }>>;
  batchProgress(dataset: string): Promise<BatchProgress>;
  failedRows(dataset: string, limit?: number): Promise<BatchRowFailure[]>;

  close(): Promise<void>;
}

/** Where `openRunStore` puts the database. */
export interface RunStoreOptions {
  /** PostgreSQL: `postgres://USER[:PASSWORD]@HOST:PORT/DB` (or `postgresql://`). Wins over `file`/`dataDir`. */
  databaseUrl?: string;
  /** The SQLite file (default `<dataDir>/runs.sqlite`). `:memory:` for a throwaway store. */
  file?: string;
  /** Default: `defaultDataDir()`. Created when missing. */
  dataDir?: string;
}
