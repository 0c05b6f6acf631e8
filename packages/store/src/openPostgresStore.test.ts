/**
 * PostgreSQL-only behaviour of `openRunStore({ databaseUrl })`: what it says when it cannot connect
 * (never the password), where a store says it is, several processes' pools migrating one new
 * database at once. Needs TOKENSCOPE_TEST_DATABASE_URL (fails without it). The shared suite is in
 * RunStore.postgres.test.ts.
 */
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postgres, type TestDatabase, withDriver } from '../test/backends.js';
import { testServerUrl } from '../test/postgresDatabase.js';
import { newRun } from '../test/runs.js';
import { StoreOpenError } from './errors/StoreOpenError.js';
import { migrationsDir, readMigrations, schemaVersion } from './migrate.js';
import { openRunStore } from './openRunStore.js';

const PASSWORD = 'S3cret-p@ss:word/%';

/** `url` with a user and password set (the test server trusts every local connection and ignores it). */
function withPassword(url: string, password = PASSWORD): string {
  const u = new URL(url);
  if (u.username === '') u.username = 'postgres';
  u.password = encodeURIComponent(password);
  return u.toString();
}

async function openError(databaseUrl: string): Promise<StoreOpenError> {
  const outcome = await openRunStore({ databaseUrl }).then(
    async (store) => {
      await store.close();
      return undefined;
    },
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(StoreOpenError);
  const error = outcome as StoreOpenError;
  for (const text of [error.message, error.path, String(error), JSON.stringify(error)]) {
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(encodeURIComponent(PASSWORD));
  }
  expect(error.message).not.toContain('\n');
  return error;
}

/** A TCP port on 127.0.0.1 that nothing listens on (bound, then closed). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const databases: TestDatabase[] = [];
afterEach(async () => {
  for (const db of databases.splice(0)) await db.remove();
});
async function newDatabase(): Promise<TestDatabase> {
  const db = await postgres.createDatabase();
  databases.push(db);
  return db;
}

describe('openRunStore (PostgreSQL)', () => {
  it('has a test server: TOKENSCOPE_TEST_DATABASE_URL is set (these tests never skip)', () => {
    expect(testServerUrl()).toMatch(/^postgres(ql)?:\/\//);
  });

  it('opens a store whose location is the URL without its password', async () => {
    const db = await newDatabase();
    const url = withPassword(db.options.databaseUrl!);
    const store = await openRunStore({ databaseUrl: `${url}?application_name=tokenscope-test` });
    try {
      expect(store.backend).toBe('postgres');
      expect(store.location).not.toContain(encodeURIComponent(PASSWORD));
      expect(store.location).not.toContain('application_name');
      const expected = new URL(db.options.databaseUrl!);
      expect(store.location).toBe(
        `postgres://${expected.username || 'postgres'}@${expected.host}${expected.pathname}`,
      );
      const saved = await store.save(newRun());
      expect((await store.get(saved.id)).id).toBe(saved.id);
    } finally {
      await store.close();
    }
  });

  it('takes postgresql:// too, and wins over file and dataDir', async () => {
    const db = await newDatabase();
    const url = db.options.databaseUrl!.replace(/^postgres:/, 'postgresql:');
    const store = await openRunStore({ databaseUrl: url, file: '/nonexistent/runs.sqlite' });
    expect(store.backend).toBe('postgres');
    await store.close();
  });

  it('several pools opening one new database at once apply each migration once', async () => {
    const db = await newDatabase();
    const stores = await Promise.all([db.open(), db.open(), db.open()]);
    try {
      const saved = await Promise.all(stores.map((store) => store.save(newRun())));
      expect((await stores[0]!.list()).runs.map((r) => r.id).sort()).toEqual(saved.map((r) => r.id).sort());
    } finally {
      for (const store of stores) await store.close();
    }
    await withDriver(db.connect(), async (driver) => {
      expect(await schemaVersion(driver, 'postgres')).toBe(readMigrations(migrationsDir('postgres')).length);
      expect(await driver.all('SELECT version FROM tokenscope_schema')).toHaveLength(1);
    });
  });
});

describe('openRunStore (PostgreSQL) says what is wrong, never the password', () => {
  it('a URL that is not one', async () => {
    for (const databaseUrl of ['not a url', 'postgres//host/db', `://${PASSWORD}@`]) {
      const error = await openError(databaseUrl);
      expect(error.message).toMatch(/not a URL: expected postgres:\/\/USER@HOST:5432\/DB/);
    }
  });

  it('a URL of another kind of database', async () => {
    const error = await openError(`mysql://root:${encodeURIComponent(PASSWORD)}@127.0.0.1:3306/runs`);
    expect(error.message).toMatch(/expected a PostgreSQL URL/);
    expect(error.path).toBe('mysql://…');
  });

  it('nothing listening at the port: connection refused', async () => {
    const port = await closedPort();
    const error = await openError(`postgres://ts:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/runs`);
    expect(error.message).toMatch(
      /no PostgreSQL server answers at that host and port \(connection refused\)/,
    );
    expect(error.path).toBe(`postgres://ts@127.0.0.1:${port}/runs`);
    expect(error.message).toContain(error.path);
  });

  it('a database that does not exist', async () => {
    const url = new URL(withPassword(testServerUrl()));
    url.pathname = '/ts_no_such_database';
    const error = await openError(url.toString());
    expect(error.message).toMatch(/the database does not exist: create it first/);
    expect(error.message).toContain('ts_no_such_database');
  });

  it('a password in a query parameter is not shown either', async () => {
    const port = await closedPort();
    const error = await openError(
      `postgres://ts@127.0.0.1:${port}/runs?password=${encodeURIComponent(PASSWORD)}`,
    );
    expect(error.path).toBe(`postgres://ts@127.0.0.1:${port}/runs`);
  });
});
