/**
 * Batch rows (`tokenscope batch`): the `batch_rows` table hands each row of a dataset to one worker
 * at a time and records it done together with its run, in one transaction, so that a row is stored
 * exactly once whatever happens to the workers (several processes, several machines, `kill -9`).
 *
 * A claim is a lease: the worker renews it while it works; when the worker dies, the lease runs out
 * and any worker may take the row (a worker on the same machine can end a dead worker's leases at
 * once with `release`). Completing checks that the worker still holds the row: a worker whose lease
 * was taken over saves nothing.
 */
import type { BatchProgress, BatchRowFailure, RunRecord } from '@tokenscope/core';
import type { SqlDriver, SqlExecutor } from '../driver/SqlDriver.js';
import type { PreparedRun } from '../validate/prepareRun.js';

const MAX_ERROR_LENGTH = 2000;

export type InsertRun = (tx: SqlExecutor, prepared: PreparedRun, rowKey: string) => Promise<RunRecord>;

export class BatchRows {
  readonly #db: SqlDriver;
  readonly #insert: InsertRun;

  constructor(db: SqlDriver, insert: InsertRun) {
    this.#db = db;
    this.#insert = insert;
  }

  async claim(
    dataset: string,
    rowKey: string,
    worker: string,
    leaseMs: number,
    retryFailedBefore: number = Date.now(),
  ): Promise<'claimed' | 'done' | 'busy'> {
    const now = Date.now();
    const at = new Date(now).toISOString();
    const taken = await this.#db.get<{ status: string }>(
      `INSERT INTO batch_rows (dataset, row_key, status, worker, lease_until, attempts, updated_at)
       VALUES (?, ?, 'claimed', ?, ?, 1, ?)
       ON CONFLICT (dataset, row_key) DO UPDATE SET status = 'claimed', worker = excluded.worker,
         lease_until = excluded.lease_until, attempts = batch_rows.attempts + 1, updated_at = excluded.updated_at
       WHERE (batch_rows.status = 'failed' AND batch_rows.updated_at < ?)
          OR (batch_rows.status = 'claimed' AND (batch_rows.lease_until < ? OR batch_rows.worker = excluded.worker))
       RETURNING status`,
      [dataset, rowKey, worker, now + leaseMs, at, new Date(retryFailedBefore).toISOString(), now],
    );
    if (taken !== undefined) return 'claimed';
    const row = await this.#db.get<{ status: string }>(
      'SELECT status FROM batch_rows WHERE dataset = ? AND row_key = ?',
      [dataset, rowKey],
    );
    return row?.status === 'done' ? 'done' : 'busy';
  }

  async renew(dataset: string, worker: string, leaseMs: number): Promise<void> {
    await this.#db.run(
      "UPDATE batch_rows SET lease_until = ? WHERE dataset = ? AND worker = ? AND status = 'claimed'",
      [Date.now() + leaseMs, dataset, worker],
    );
  }

  async release(dataset: string, worker: string): Promise<number> {
    const { changes } = await this.#db.run(
      "UPDATE batch_rows SET lease_until = 0 WHERE dataset = ? AND worker = ? AND status = 'claimed'",
      [dataset, worker],
    );
    return changes;
  }

  complete(
    dataset: string,
    rowKey: string,
    worker: string,
    prepared: PreparedRun,
  ): Promise<RunRecord | null> {
    return this.#db.transaction('write', async (tx) => {
      const held = await tx.get<{ status: string }>(
        `SELECT status FROM batch_rows WHERE dataset = ? AND row_key = ? AND worker = ? AND status = 'claimed'
         ${this.#db.dialect === 'postgres' ? 'FOR UPDATE' : ''}`,
        [dataset, rowKey, worker],
      );
      if (held === undefined) return null; // the lease was taken over: the other worker stores it
      const record = await this.#insert(tx, prepared, rowKey);
      await tx.run(
        "UPDATE batch_rows SET status = 'done', run_id = ?, error = NULL, updated_at = ? WHERE dataset = ? AND row_key = ?",
        [record.id, new Date().toISOString(), dataset, rowKey],
      );
      return record;
    });
  }

  async fail(dataset: string, rowKey: string, worker: string, error: string): Promise<void> {
    await this.#db.run(
      `UPDATE batch_rows SET status = 'failed', error = ?, updated_at = ?
       WHERE dataset = ? AND row_key = ? AND worker = ? AND status = 'claimed'`,
      [error.slice(0, MAX_ERROR_LENGTH), new Date().toISOString(), dataset, rowKey, worker],
    );
  }

  openClaims(dataset: string): Promise<Array<{ rowKey: string; worker: string; leaseUntil: number }>> {
    return this.#db.all(
      `SELECT row_key AS "rowKey", worker, lease_until AS "leaseUntil" FROM batch_rows
       WHERE dataset = ? AND status = 'claimed' ORDER BY row_key`,
      [dataset],
    );
  }

  async progress(dataset: string): Promise<BatchProgress> {
    const rows = await this.#db.all<{ status: 'claimed' | 'done' | 'failed'; n: number }>(
      'SELECT status, count(*) AS n FROM batch_rows WHERE dataset = ? GROUP BY status',
      [dataset],
    );
    const out: BatchProgress = { dataset, done: 0, failed: 0, claimed: 0 };
    for (const row of rows) out[row.status] = Number(row.n);
    return out;
  }

  failed(dataset: string, limit = 100): Promise<BatchRowFailure[]> {
    return this.#db.all(
      `SELECT row_key AS "rowKey", error, attempts, updated_at AS "updatedAt" FROM batch_rows
       WHERE dataset = ? AND status = 'failed' ORDER BY updated_at, row_key LIMIT ?`,
      [dataset, limit],
    );
  }
}
