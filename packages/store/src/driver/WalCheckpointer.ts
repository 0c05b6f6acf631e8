/**
 * Checkpoints a SQLite store's write-ahead log on a worker thread with its own connection. SQLite
 * copies the log into the database file on the committing connection once the log passes 1,000
 * pages: for a 15 MB run that copy (and its fsync) is most of the commit, about 100-200 ms on the
 * thread that answers requests. The worker starts at the first write (a store that only reads has
 * none); from then on the main connection's automatic checkpoints are off, and after writes the
 * worker checkpoints at most every `INTERVAL_MS` (PASSIVE: it waits for no lock and
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
function walCheckpointEntry(): string {
  const here = fileURLToPath(import.meta.url);
  const sibling = fileURLToPath(new URL('./walCheckpointWorker.js', import.meta.url));
  if (here.endsWith('.js') && existsSync(sibling)) return sibling;
  return fileURLToPath(new URL('../../dist/driver/walCheckpointWorker.js', import.meta.url));
}

export class WalCheckpointer {
  readonly #db: Database.Database;
  readonly #file: string;
  readonly #busyTimeoutMs: number;
  /** Undefined until the first write (a store that only reads never starts it), and once it is gone. */
  #worker: Worker | undefined;
  #started = false;
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #pending = false;
  #last = 0;

  /**
   * Checkpoints `file` (the database `db` has open, in WAL mode) from its first write on; undefined
   * without a built worker (the connection then checkpoints itself).
   */
  static create(db: Database.Database, file: string, busyTimeoutMs: number): WalCheckpointer | undefined {
    return existsSync(walCheckpointEntry()) ? new WalCheckpointer(db, file, busyTimeoutMs) : undefined;
  }

  private constructor(db: Database.Database, file: string, busyTimeoutMs: number) {
    this.#db = db;
    this.#file = file;
    this.#busyTimeoutMs = busyTimeoutMs;
  }

  /** After a write: a checkpoint soon (one at a time, at most every `INTERVAL_MS`). */
  written(): void {
    if (!this.#started) this.#start();
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

  #start(): void {
    this.#started = true;
    const workerData = { file: this.#file, busyTimeoutMs: this.#busyTimeoutMs };
    const worker = new Worker(walCheckpointEntry(), { workerData, execArgv: [] });
    this.#worker = worker;
    worker.unref();
    this.#db.pragma('wal_autocheckpoint = 0');
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
