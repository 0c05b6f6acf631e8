/**
 * `SqlDriver` on one better-sqlite3 connection. better-sqlite3 is synchronous, so one connection
 * can serve one transaction at a time: every call waits its turn in a queue, and a transaction
 * holds the queue until it ends (other calls of this process wait; other processes wait on
 * SQLite's busy timeout).
 */
import type Database from 'better-sqlite3';
import type { SqlDriver, SqlExecutor, SqlValue } from './SqlDriver.js';
import { WalCheckpointer } from './WalCheckpointer.js';

export class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  readonly db: Database.Database;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #statements = new Map<string, Database.Statement>();
  readonly #direct: SqlExecutor;
  #checkpointer: WalCheckpointer | undefined;

  constructor(db: Database.Database) {
    this.db = db;
    this.#direct = {
      all: async <T>(sql: string, params: readonly SqlValue[] = []) =>
        this.#prepare(sql).all(...params) as T[],
      get: async <T>(sql: string, params: readonly SqlValue[] = []) =>
        this.#prepare(sql).get(...params) as T | undefined,
      run: async (sql: string, params: readonly SqlValue[] = []) => ({
        changes: this.#prepare(sql).run(...params).changes,
      }),
      exec: async (sql: string) => {
        this.db.exec(sql);
      },
    };
  }

  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.#turn(() => this.#direct.all<T>(sql, params));
  }

  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return this.#turn(() => this.#direct.get<T>(sql, params));
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }> {
    return this.#turn(async () => {
      const result = await this.#direct.run(sql, params);
      this.#checkpointer?.written();
      return result;
    });
  }

  exec(sql: string): Promise<void> {
    return this.#turn(async () => {
      await this.#direct.exec(sql);
      this.#checkpointer?.written();
    });
  }

  /**
   * Moves the write-ahead log's checkpoints of `file` (this database, in WAL mode) to a worker
   * thread (`WalCheckpointer`), off the thread whose commits would otherwise copy the log.
   */
  checkpointOffThread(file: string, busyTimeoutMs: number): void {
    this.#checkpointer ??= WalCheckpointer.create(this.db, file, busyTimeoutMs);
  }

  transaction<T>(mode: 'read' | 'write', fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.#turn(async () => {
      this.db.exec(mode === 'write' ? 'BEGIN IMMEDIATE' : 'BEGIN DEFERRED');
      try {
        const result = await fn(this.#direct);
        this.db.exec('COMMIT');
        if (mode === 'write') this.#checkpointer?.written();
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    await this.#turn(async () => {
      await this.#checkpointer?.close(); // first: the last connection to close checkpoints and removes the log
      this.db.close();
    });
  }

  #turn<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(fn);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  #prepare(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}
