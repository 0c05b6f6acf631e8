/**
 * The two backends the shared store suites (`test/cases/*.case.ts`) run against: each gives a fresh,
 * empty database per call, a store on it through the public `openRunStore`, and a raw connection for
 * the few tests that set up what a store never writes (an older schema version, a foreign file).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { PostgresDriver } from '../src/driver/PostgresDriver.js';
import type { SqlDriver } from '../src/driver/SqlDriver.js';
import { SqliteDriver } from '../src/driver/SqliteDriver.js';
import { BUSY_TIMEOUT_MS, openRunStore } from '../src/index.js';
import type { RunStore, RunStoreOptions } from '../src/RunStore.js';
import { createTestDatabase } from './postgresDatabase.js';
import { tempDir } from './runs.js';

export type BackendName = RunStore['backend'];

export interface TestDatabase {
  backend: BackendName;
  /** What `openRunStore` takes to open it. */
  options: RunStoreOptions;
  /** How `test/writeRuns.mjs` and `test/batchWorker.mjs` are told where it is. */
  args: string[];
  open(): Promise<RunStore>;
  /** A raw connection (no migration run): the caller closes it. */
  connect(): SqlDriver;
  /** The user tables in it, sorted (PostgreSQL's `tokenscope_schema` included). */
  tables(): Promise<string[]>;
  /**
   * Empties a migrated database as if it were new (identities restarted), where that is much cheaper
   * than a new database (PostgreSQL: CREATE DATABASE and the migrations take ~300 ms; this ~5 ms).
   */
  clear?(): Promise<void>;
  remove(): Promise<void>;
}

export interface Backend {
  name: BackendName;
  createDatabase(): Promise<TestDatabase>;
}

export const sqlite: Backend = {
  name: 'sqlite',
  async createDatabase() {
    const tmp = tempDir();
    const file = join(tmp.dir, 'runs.sqlite');
    const connect = () => new SqliteDriver(new Database(file, { timeout: BUSY_TIMEOUT_MS }));
    return {
      backend: 'sqlite',
      options: { file },
      args: [file],
      open: () => openRunStore({ file }),
      connect,
      tables: () =>
        withDriver(connect(), async (db) =>
          (
            await db.all<{ name: string }>(
              "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name",
            )
          ).map((r) => r.name),
        ),
      remove: async () => tmp.cleanup(),
    };
  },
};

export const postgres: Backend = {
  name: 'postgres',
  async createDatabase() {
    const database = await createTestDatabase(); // throws when TOKENSCOPE_TEST_DATABASE_URL is unset
    const connect = () => new PostgresDriver(database.url, { max: 2 });
    let cleaner: SqlDriver | undefined;
    let truncate: string | undefined;
    const tables = () =>
      withDriver(connect(), async (db) =>
        (
          await db.all<{ name: string }>(
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
          )
        ).map((r) => r.name),
      );
    return {
      backend: 'postgres',
      options: { databaseUrl: database.url },
      args: ['--database-url', database.url],
      open: () => openRunStore({ databaseUrl: database.url }),
      connect,
      tables,
      async clear() {
        cleaner ??= connect();
        truncate ??= `TRUNCATE ${(await tables()).filter((name) => name !== 'tokenscope_schema').join(', ')} RESTART IDENTITY CASCADE`;
        await cleaner.exec(truncate);
      },
      async remove() {
        await cleaner?.close();
        await database.drop();
      },
    };
  },
};

/** Runs `fn` on a raw connection and closes it. */
export async function withDriver<T>(db: SqlDriver, fn: (db: SqlDriver) => Promise<T>): Promise<T> {
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

export interface StoreContext {
  readonly store: RunStore;
  readonly db: TestDatabase;
  /** Closes the store and opens a new one (a new connection) on the same database. */
  reopen(): Promise<RunStore>;
}

/**
 * Registers hooks giving each test (`each`) or the whole describe block (`all`) an empty database
 * and an open store on it: a new database each time, or with `each` on a backend that can `clear`,
 * one database for the block, emptied before each test. Closed and removed afterwards.
 */
export function useStore(backend: Backend, scope: 'each' | 'all' = 'each'): StoreContext {
  let db: TestDatabase | undefined;
  let store: RunStore | undefined;
  const open = async () => {
    db = await backend.createDatabase();
    store = await db.open();
  };
  const close = async () => {
    await store?.close();
    await db?.remove();
    store = undefined;
    db = undefined;
  };
  if (scope === 'all') {
    beforeAll(open);
    afterAll(close);
  } else {
    beforeEach(async () => {
      if (db?.clear === undefined) return open();
      await db.clear();
      store ??= await db.open();
    });
    afterEach(async () => {
      if (db?.clear === undefined) await close();
    });
    afterAll(close);
  }
  return {
    get store() {
      if (store === undefined) throw new Error('no store: useStore hooks did not run');
      return store;
    },
    get db() {
      if (db === undefined) throw new Error('no database: useStore hooks did not run');
      return db;
    },
    async reopen() {
      await store?.close();
      store = await this.db.open();
      return store;
    },
  };
}
