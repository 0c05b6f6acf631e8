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

export type InsertRuns = (
  tx: SqlExecutor,
  items: ReadonlyArray<{ prepared: PreparedRun; rowKey: string }>,
) => Promise<RunRecord[]>;

export class BatchRows {
  readonly #db: SqlDriver;
  readonly #insert: InsertRuns;

  constructor(db: SqlDriver, insert: InsertRuns) {
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
    const states = await this.claimMany(dataset, [rowKey], worker, leaseMs, retryFailedBefore);
    return states.get(rowKey) ?? 'busy';
  }

  /** Claims several rows in one statement (one commit); duplicate keys count once. */
  claimMany(
    dataset: string,
    rowKeys: readonly string[],
    worker: string,
    leaseMs: number,
    retryFailedBefore: number = Date.now(),
  ): Promise<Map<string, 'claimed' | 'done' | 'busy'>> {
    // one lock order for every worker (no deadlock): code-unit order, as PostgreSQL's "C" collation sorts ASCII keys
    const keys = [...new Set(rowKeys)].sort();
    const states = new Map<string, 'claimed' | 'done' | 'busy'>();
    if (keys.length === 0) return Promise.resolve(states);
    const now = Date.now();
    const at = new Date(now).toISOString();
    return this.#db.transaction('write', async (tx) => {
      const values = keys.map(() => "(?, ?, 'claimed', ?, ?, 1, ?)").join(', ');
      const taken = await tx.all<{ row_key: string }>(
        `INSERT INTO batch_rows (dataset, row_key, status, worker, lease_until, attempts, updated_at)
         VALUES ${values}
         ON CONFLICT (dataset, row_key) DO UPDATE SET status = 'claimed', worker = excluded.worker,
           lease_until = excluded.lease_until, attempts = batch_rows.attempts + 1, updated_at = excluded.updated_at
         WHERE (batch_rows.status = 'failed' AND batch_rows.updated_at < ?)
            OR (batch_rows.status = 'claimed' AND (batch_rows.lease_until < ? OR batch_rows.worker = excluded.worker))
         RETURNING row_key`,
        [
          ...keys.flatMap((key) => [dataset, key, worker, now + leaseMs, at]),
          new Date(retryFailedBefore).toISOString(),
          now,
        ],
      );
      for (const row of taken) states.set(row.row_key, 'claimed');
      const others = keys.filter((key) => !states.has(key));
      if (others.length > 0) {
        const rows = await tx.all<{ row_key: string; status: string }>(
          `SELECT row_key, status FROM batch_rows WHERE dataset = ? AND row_key IN (${others.map(() => '?').join(', ')})`,
          [dataset, ...others],
        );
        for (const row of rows) states.set(row.row_key, row.status === 'done' ? 'done' : 'busy');
      }
      return states;
    });
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

  async complete(
    dataset: string,
    rowKey: string,
    worker: string,
    prepared: PreparedRun,
  ): Promise<RunRecord | null> {
    const [record] = await this.completeMany(dataset, worker, [{ rowKey, prepared }]);
    return record ?? null;
  }

  /**
   * Saves several rows' runs and marks them done in one transaction (one commit): each only while
   * `worker` still holds its row; null for a row whose claim was lost (nothing saved for it).
   */
  completeMany(
    dataset: string,
    worker: string,
    items: ReadonlyArray<{ rowKey: string; prepared: PreparedRun }>,
  ): Promise<Array<RunRecord | null>> {
    if (items.length === 0) return Promise.resolve([]);
    return this.#db.transaction('write', async (tx) => {
      // the rows this worker still holds, locked in key order as claims lock them (no deadlock)
      const keys = [...new Set(items.map((item) => item.rowKey))].sort();
      const held = new Set<string>();
      for (let i = 0; i < keys.length; i += 400) {
        const part = keys.slice(i, i + 400);
        const rows = await tx.all<{ row_key: string }>(
          `SELECT row_key FROM batch_rows WHERE dataset = ? AND worker = ? AND status = 'claimed'
           AND row_key IN (${part.map(() => '?').join(', ')})
           ${this.#db.dialect === 'postgres' ? 'ORDER BY row_key COLLATE "C" FOR UPDATE' : ''}`,
          [dataset, worker, ...part],
        );
        for (const row of rows) held.add(row.row_key);
      }
      // a row lost to another worker is stored by that worker; a key given twice is stored once
      const toStore = items.filter((item) => held.delete(item.rowKey));
      const records = await this.#insert(tx, toStore);
      const byKey = new Map(toStore.map((item, i) => [item.rowKey, records[i]!]));
      const at = new Date().toISOString();
      const done = [...byKey.entries()];
      for (let i = 0; i < done.length; i += 100) {
        const part = done.slice(i, i + 100);
        await tx.run(
          `UPDATE batch_rows SET status = 'done', error = NULL, updated_at = ?,
             run_id = CASE row_key ${part.map(() => 'WHEN ? THEN ?').join(' ')} END
           WHERE dataset = ? AND row_key IN (${part.map(() => '?').join(', ')})`,
          [at, ...part.flatMap(([key, record]) => [key, record.id]), dataset, ...part.map(([key]) => key)],
        );
      }
      const seen = new Set<string>();
      return items.map((item) => {
        if (seen.has(item.rowKey)) return null;
        seen.add(item.rowKey);
        return byKey.get(item.rowKey) ?? null;
      });
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
