/**
 * Saves a batch worker's finished rows: runs are buffered and committed together (one transaction
 * and one commit for up to 32 rows, or whatever waited 200 ms), since a commit waits for the disk.
 * A row whose run the store refuses (`InvalidRunError`) is recorded as failed; the others of its
 * group are saved one by one. Any other store error stops the batch. What is buffered when the process dies is done again by the next batch: never twice.
 */
import type { NewRun } from '@tokenscope/core';
import { InvalidRunError, type RunStore } from '@tokenscope/store';
import type { BatchCounts } from './runBatch.js';

const GROUP = 32;
const WAIT_MS = 200;

interface Pending {
  rowKey: string;
  where: string;
  run: NewRun;
}

export class RowSaver {
  readonly #store: RunStore;
  readonly #dataset: string;
  readonly #worker: string;
  readonly #counts: BatchCounts;
  readonly #report: () => void;
  #pending: Pending[] = [];
  #chain: Promise<void> = Promise.resolve();
  /** Rows added and not committed yet (buffered or in a commit under way). */
  #backlog = 0;
  #error: unknown;
  #drained: Array<{ below: number; resolve: () => void }> = [];
  readonly #timer: NodeJS.Timeout;
  /** Failures go here too (the batch prints them). */
  onFailure: ((where: string, message: string) => void) | undefined;

  constructor(store: RunStore, dataset: string, worker: string, counts: BatchCounts, report: () => void) {
    this.#store = store;
    this.#dataset = dataset;
    this.#worker = worker;
    this.#counts = counts;
    this.#report = report;
    this.#timer = setInterval(() => {
      if (this.#pending.length > 0) void this.flush();
    }, WAIT_MS);
  }

  add(rowKey: string, where: string, run: NewRun): void {
    this.#backlog++;
    this.#pending.push({ rowKey, where, run });
    if (this.#pending.length >= GROUP) void this.flush();
  }

  /**
   * Records a row's error (its own write). Never rejects: when the store cannot record it, the
   * store's error stops the batch at its next claim (`throwIfFailed`), and the row stays claimed.
   */
  async fail(rowKey: string, where: string, error: unknown): Promise<void> {
    const message = `${where}: ${error instanceof Error ? error.message : String(error)}`;
    try {
      await this.#store.failRow(this.#dataset, rowKey, this.#worker, message);
    } catch (storeError) {
      this.#error ??= storeError;
      return;
    }
    this.#counts.failed++;
    this.onFailure?.(where, message);
    this.#report();
  }

  /** Commits what is buffered (one group at a time, in order). */
  flush(): Promise<void> {
    const group = this.#pending.splice(0);
    if (group.length === 0) return this.#chain;
    this.#chain = this.#chain
      .then(() => this.#save(group))
      .catch((error: unknown) => {
        this.#error ??= error; // the store failed: the batch ends with this error (close() throws it)
      });
    return this.#chain;
  }

  /**
   * Resolves once fewer than `below` rows wait to be committed: a worker claims more rows only when
   * it has saved most of what it holds, so that workers sharing a dataset take turns instead of one
   * claiming everything while its commits lag behind.
   */
  waitBelow(below: number): Promise<void> {
    if (this.#backlog < below) return Promise.resolve();
    if (this.#pending.length > 0) void this.flush();
    return new Promise((resolve) => this.#drained.push({ below, resolve }));
  }

  /** Throws the store's error when a commit failed (the batch stops). */
  throwIfFailed(): void {
    if (this.#error !== undefined) throw this.#error;
  }

  /** Commits what is left; throws the store's error if a commit failed. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
    if (this.#error !== undefined) throw this.#error;
  }

  async #save(group: Pending[]): Promise<void> {
    try {
      await this.#commit(group);
    } finally {
      this.#backlog -= group.length;
      this.#drained = this.#drained.filter((w) => {
        if (this.#backlog >= w.below && this.#error === undefined) return true;
        w.resolve();
        return false;
      });
    }
  }

  async #commit(group: Pending[]): Promise<void> {
    let records: Array<{ summary: { tokens: number } } | null>;
    try {
      records = await this.#store.completeRows(this.#dataset, this.#worker, group);
    } catch (error) {
      // Only a run the store refuses is the row's fault: the others of its group are saved one by
      // one. Any other error (the database is gone, locked for too long) stops the batch; the rows
      // stay claimed, go back when the batch ends, and are done by the next one.
      if (!(error instanceof InvalidRunError)) throw error;
      records = [];
      for (const item of group) {
        try {
          records.push(await this.#store.completeRow(this.#dataset, item.rowKey, this.#worker, item.run));
        } catch (rowError) {
          if (!(rowError instanceof InvalidRunError)) throw rowError;
          records.push(null);
          await this.fail(item.rowKey, item.where, rowError);
        }
      }
    }
    for (const record of records) {
      if (record === null) continue;
      this.#counts.stored++;
      this.#counts.tokens += record.summary.tokens;
    }
    this.#report();
  }
}
