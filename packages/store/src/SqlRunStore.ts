/**
 * The `RunStore` on either backend (`SqlDriver`: SQLite or PostgreSQL). Writes run in write
 * transactions (SQLite takes the write lock first, so concurrent writers wait for the busy timeout
 * instead of failing); the search index and the aggregated figures are kept in the same
 * transaction. Validation, analysis and JSON encoding happen before the transaction starts.
 */
import type {
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
import { BatchRows } from './batch/BatchRows.js';
import { datasetList, datasetSettings, facets, saveDatasetThresholds } from './datasets/datasetSettings.js';
import { datasetSummary } from './datasets/datasetSummary.js';
import { exportRows } from './datasets/exportRows.js';
import type { SqlDriver, SqlExecutor } from './driver/SqlDriver.js';
import type { EncodedRun, StoredRun } from './encodeRun.js';
import { RunNotFoundError } from './errors/RunNotFoundError.js';
import type { RunStore } from './RunStore.js';
import { insertRuns } from './sql/insertRuns.js';
import { insertReview, readReviews } from './sql/reviewTable.js';
import {
  LIST_COLUMNS,
  type ListRow,
  RECORD_COLUMNS,
  type RecordRow,
  THRESHOLD_JOIN,
  tagsOf,
  toListItem,
  toRecord,
} from './sql/rows.js';
import { runFilter } from './sql/runFilter.js';
import { deleteSearch, updateSearch } from './sql/search.js';
import { normalizeDatasetName } from './validate/normalizeDatasetName.js';
import { normalizeQuery } from './validate/normalizeQuery.js';
import { normalizeTags } from './validate/normalizeTags.js';
import { normalizeTitle } from './validate/normalizeTitle.js';
import { parseWith } from './validate/parseWith.js';
import { prepareRun } from './validate/prepareRun.js';
import { prepareReview } from './validate/reviewSchema.js';
import { runPatchSchema } from './validate/runSchema.js';

export class SqlRunStore implements RunStore {
  readonly location: string;
  readonly backend: SqlDriver['dialect'];
  readonly #db: SqlDriver;
  readonly #batch: BatchRows;

  constructor(db: SqlDriver, location: string) {
    this.#db = db;
    this.location = location;
    this.backend = db.dialect;
    // whole prepared runs: the records carry their responses
    this.#batch = new BatchRows(db, (tx, items) => insertRuns(tx, db.dialect, items) as Promise<RunRecord[]>);
  }

  async save(input: NewRun): Promise<RunRecord> {
    const prepared = prepareRun(input);
    const [record] = await this.#db.transaction('write', (tx) =>
      insertRuns(tx, this.#db.dialect, [{ prepared, rowKey: null }]),
    );
    return record as RunRecord; // a whole prepared run: the record carries its response
  }

  async saveEncoded(encoded: EncodedRun): Promise<StoredRun> {
    const [record] = await this.#db.transaction('write', (tx) =>
      insertRuns(tx, this.#db.dialect, [{ prepared: encoded, rowKey: null }]),
    );
    return record!;
  }

  async get(id: string): Promise<RunRecord> {
    checkId(id);
    return this.#db.transaction('read', async (tx) => {
      const row = await tx.get<RecordRow>(
        `SELECT ${RECORD_COLUMNS} FROM runs AS r ${THRESHOLD_JOIN} WHERE r.id = ?`,
        [id],
      );
      if (row === undefined) throw new RunNotFoundError(String(id));
      return toRecord(row, (await tagsOf(tx, [id])).get(id) ?? []);
    });
  }

  async list(query?: RunQuery): Promise<RunList> {
    const q = normalizeQuery(query);
    const filter = runFilter(this.#db.dialect, q);
    return this.#db.transaction('read', async (tx) => {
      const rows = await tx.all<ListRow>(
        `SELECT ${LIST_COLUMNS} FROM runs AS r ${THRESHOLD_JOIN} ${filter.sql} ORDER BY r.id DESC LIMIT ? OFFSET ?`,
        [...filter.params, q.limit, q.offset],
      );
      const count = await tx.get<{ total: number }>(
        `SELECT count(*) AS total FROM runs AS r ${THRESHOLD_JOIN} ${filter.sql}`,
        filter.params,
      );
      return { runs: await listItems(tx, rows), total: count?.total ?? 0 };
    });
  }

  async update(id: string, patch: RunPatch): Promise<RunRecord> {
    const parsed = parseWith(runPatchSchema, patch, 'patch');
    const title = parsed.title === undefined ? undefined : normalizeTitle(parsed.title);
    const tags = parsed.tags === undefined ? undefined : normalizeTags(parsed.tags);
    await this.#db.transaction('write', async (tx) => {
      const seq = await seqOf(tx, id);
      if (title === undefined && tags === undefined) return;
      const at = new Date().toISOString();
      if (title !== undefined)
        await tx.run('UPDATE runs SET title = ?, updated_at = ? WHERE seq = ?', [title, at, seq]);
      if (tags !== undefined) {
        await tx.run('UPDATE runs SET updated_at = ? WHERE seq = ?', [at, seq]);
        await tx.run('DELETE FROM run_tags WHERE run_id = ?', [id]);
        for (const [i, tag] of tags.entries()) {
          await tx.run('INSERT INTO run_tags (run_id, tag, position) VALUES (?, ?, ?)', [id, tag, i]);
        }
      }
      await updateSearch(tx, this.#db.dialect, seq, {
        ...(title === undefined ? {} : { title }),
        ...(tags === undefined ? {} : { tags }),
      });
    });
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    await this.#db.transaction('write', async (tx) => {
      const seq = await seqOf(tx, id);
      await deleteSearch(tx, this.#db.dialect, seq);
      await tx.run('DELETE FROM runs WHERE seq = ?', [seq]); // tags, reviews, figures go with it (ON DELETE CASCADE)
    });
  }

  async tree(id: string): Promise<RunListItem[]> {
    checkId(id);
    return this.#db.transaction('read', async (tx) => {
      const row = await tx.get<{ root: string }>(
        'SELECT coalesce(branch_root_id, id) AS root FROM runs WHERE id = ?',
        [id],
      );
      if (row === undefined) throw new RunNotFoundError(String(id));
      const rows = await tx.all<ListRow>(
        `SELECT ${LIST_COLUMNS} FROM runs AS r ${THRESHOLD_JOIN} WHERE r.id = ? OR r.branch_root_id = ? ORDER BY r.id`,
        [row.root, row.root],
      );
      return listItems(tx, rows);
    });
  }

  async tags(): Promise<Array<{ tag: string; count: number }>> {
    return this.#db.all('SELECT tag, count(*) AS count FROM run_tags GROUP BY tag ORDER BY count DESC, tag');
  }

  async review(runId: string, decision: ReviewDecision): Promise<RunReview> {
    const prepared = prepareReview(decision); // before the write lock
    return insertReview(this.#db, runId, prepared);
  }

  reviews(runId: string): Promise<RunReviews> {
    return readReviews(this.#db, runId);
  }

  datasets(): Promise<DatasetListItem[]> {
    return datasetList(this.#db);
  }

  facets(dataset?: string): Promise<{ models: string[]; promptVersions: string[] }> {
    return facets(this.#db, dataset);
  }

  datasetSummary(query?: DatasetQuery): Promise<DatasetSummary> {
    return datasetSummary(this.#db, query);
  }

  async datasetSettings(name: string): Promise<DatasetSettings> {
    return datasetSettings(this.#db, name); // async: a wrong name rejects, never throws
  }

  saveDatasetThresholds(
    name: string,
    thresholds: GateThresholds | null,
    note?: string,
  ): Promise<DatasetSettings> {
    return saveDatasetThresholds(this.#db, name, thresholds, note);
  }

  exportRows(query?: Omit<RunQuery, 'limit' | 'offset'>): AsyncIterable<DatasetExportRow> {
    return exportRows(this.#db, query);
  }

  async claimRow(
    dataset: string,
    rowKey: string,
    worker: string,
    leaseMs: number,
    retryFailedBefore?: number,
  ) {
    return this.#batch.claim(normalizeDatasetName(dataset), rowKey, worker, leaseMs, retryFailedBefore);
  }

  async claimRows(
    dataset: string,
    rowKeys: readonly string[],
    worker: string,
    leaseMs: number,
    retryFailedBefore?: number,
  ) {
    return this.#batch.claimMany(normalizeDatasetName(dataset), rowKeys, worker, leaseMs, retryFailedBefore);
  }

  async completeRows(
    dataset: string,
    worker: string,
    rows: ReadonlyArray<{ rowKey: string; run: NewRun }>,
  ): Promise<Array<RunRecord | null>> {
    // validation and analysis before the write transaction: an invalid run rejects before anything is saved
    const name = normalizeDatasetName(dataset);
    const items = rows.map(({ rowKey, run }) => ({
      rowKey,
      prepared: prepareRun({ ...run, dataset: name }),
    }));
    return this.#batch.completeMany(name, worker, items);
  }

  async renewClaims(dataset: string, worker: string, leaseMs: number): Promise<void> {
    return this.#batch.renew(normalizeDatasetName(dataset), worker, leaseMs);
  }

  async releaseClaims(dataset: string, worker: string): Promise<number> {
    return this.#batch.release(normalizeDatasetName(dataset), worker);
  }

  async completeRow(dataset: string, rowKey: string, worker: string, run: NewRun): Promise<RunRecord | null> {
    const name = normalizeDatasetName(dataset);
    return this.#batch.complete(name, rowKey, worker, prepareRun({ ...run, dataset: name })); // a wrong run rejects
  }

  async failRow(dataset: string, rowKey: string, worker: string, error: string): Promise<void> {
    return this.#batch.fail(normalizeDatasetName(dataset), rowKey, worker, error);
  }

  async openClaims(dataset: string) {
    return this.#batch.openClaims(normalizeDatasetName(dataset));
  }

  async batchProgress(dataset: string) {
    return this.#batch.progress(normalizeDatasetName(dataset));
  }

  async failedRows(dataset: string, limit?: number) {
    return this.#batch.failed(normalizeDatasetName(dataset), limit);
  }

  close(): Promise<void> {
    return this.#db.close();
  }
}

async function listItems(tx: SqlExecutor, rows: ListRow[]): Promise<RunListItem[]> {
  const tags = await tagsOf(
    tx,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toListItem(row, tags.get(row.id) ?? []));
}

async function seqOf(tx: SqlExecutor, id: string): Promise<number> {
  checkId(id);
  const row = await tx.get<{ seq: number }>('SELECT seq FROM runs WHERE id = ?', [id]);
  if (row === undefined) throw new RunNotFoundError(String(id));
  return Number(row.seq);
}

/** An id that is not a string names no run (and must not reach the database's binding as `undefined`). */
function checkId(id: unknown): asserts id is string {
  if (typeof id !== 'string') throw new RunNotFoundError(String(id));
}
