/**
 * Checkpoints a SQLite store's write-ahead log on a worker thread with its own connection. SQLite
 * copies the log into the database file on the committing connection once the log passes 1,000
 * pages: for a 15 MB run that copy (and its fsync) is most of the commit, about 100-200 ms on the
 * thread that answers requests. While this runs, the main connection's automatic checkpoints are
 * off; after writes this one runs at most every `INTERVAL_MS` (PASSIVE: it waits for no lock and
 * blocks no reader or writer). A commit is durable in the log (synchronous=FULL) before any
 * checkpoint. If the worker cannot start or fails, the connection checkpoints itself again.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

const INTERVAL_MS = 250;
/** SQLite's default `wal_autocheckpoint`, restored when the worker is gone. */
const AUTOCHECKPOINT_PAGES = 1000;

/**
 * The compiled worker entry. From `dist/driver/` it is the sibling `walCheckpointWorker.js`; when
 * this module runs from source (Vitest), the one in the package's `dist/` (`tsc -b packages/store`).
 */
export function walCheckpointEntry(): string {
  const here = fileURLToPath(import.meta.url);
  const sibling = fileURLToPath(new URL('./walCheckpointWorker.js', import.meta.url));
  if (here.endsWith('.js') && existsSync(sibling)) return sibling;
  return fileURLToPath(new URL('../../dist/driver/walCheckpointWorker.js', import.meta.url));
}

export class WalCheckpointer {
  readonly #db: Database.Database;
  #worker: Worker | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #pending = false;
  #last = 0;

  /** Starts checkpointing `file` (the database `db` has open, in WAL mode); undefined without a built worker. */
  static start(db: Database.Database, file: string, busyTimeoutMs: number): WalCheckpointer | undefined {
    const entry = walCheckpointEntry();
    if (!existsSync(entry)) return undefined;
    return new WalCheckpointer(db, new Worker(entry, { workerData: { file, busyTimeoutMs }, execArgv: [] }));
  }

  private constructor(db: Database.Database, worker: Worker) {
    this.#db = db;
    this.#worker = worker;
    worker.unref();
    db.pragma('wal_autocheckpoint = 0');
    worker.on('message', () => {
      this.#running = false;
      if (this.#pending) this.#schedule();
    });
    const gone = () => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      clearTimeout(this.#timer);
      if (this.#db.open) this.#db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    };
    worker.on('error', gone);
    worker.on('exit', gone);
  }

  /** After a write: a checkpoint soon (one at a time, at most every `INTERVAL_MS`). */
  written(): void {
    if (this.#worker === undefined) return;
    this.#pending = true;
    this.#schedule();
  }

  /** Ends the worker after its checkpoint in progress (its connection closed first). */
  async close(): Promise<void> {
    const worker = this.#worker;
    clearTimeout(this.#timer);
    if (worker === undefined) return;
    this.#worker = undefined;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.ref(); // the process waits for it to close its connection
    worker.postMessage('close');
    await exited;
  }

  #schedule(): void {
    if (this.#running || this.#timer !== undefined || this.#worker === undefined) return;
    const wait = Math.max(0, this.#last + INTERVAL_MS - Date.now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#worker === undefined) return;
      this.#pending = false;
      this.#running = true;
      this.#last = Date.now();
      this.#worker.postMessage('checkpoint');
    }, wait);
    this.#timer.unref();
  }
}
