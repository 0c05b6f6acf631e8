/** The PostgreSQL test server (scripts/vitestPostgresSetup.mjs) and the per-file database helper. */
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, testServerUrl } from '../packages/store/test/postgresDatabase.js';

/** Runs `fn` with a connected client and always disconnects. */
async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function databaseExists(name: string): Promise<boolean> {
  const result = await withClient(testServerUrl(), (c) =>
    c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]),
  );
  return result.rowCount === 1;
}

describe('test PostgreSQL server', () => {
  it('answers on TOKENSCOPE_TEST_DATABASE_URL', async () => {
    const result = await withClient(testServerUrl(), (c) => c.query<{ version: string }>('SELECT version()'));
    expect(result.rows[0]?.version).toMatch(/^PostgreSQL \d+/);
  });

  it('reaches processes that tests spawn, through the environment', () => {
    const seen = execFileSync(process.execPath, ['-p', 'process.env.TOKENSCOPE_TEST_DATABASE_URL'], {
      encoding: 'utf8',
    });
    expect(seen.trim()).toBe(testServerUrl());
  });

  it('creates separate empty databases that can be written and dropped', async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    expect(a.url).not.toBe(b.url);
    for (const [db, value] of [
      [a, 'first'],
      [b, 'second'],
    ] as const) {
      await withClient(db.url, async (c) => {
        await c.query('CREATE TABLE t (value text)');
        await c.query('INSERT INTO t VALUES ($1)', [value]);
      });
    }
    const read = (url: string) =>
      withClient(url, (c) => c.query<{ value: string }>('SELECT value FROM t')).then((r) => r.rows);
    expect(await read(a.url)).toEqual([{ value: 'first' }]);
    expect(await read(b.url)).toEqual([{ value: 'second' }]);

    // A connection left open does not stop drop().
    const lingering = new pg.Client({ connectionString: a.url });
    lingering.on('error', () => {}); // the server terminates it
    await lingering.connect();
    await Promise.all([a.drop(), b.drop()]);
    for (const db of [a, b]) {
      expect(await databaseExists(new URL(db.url).pathname.slice(1))).toBe(false);
    }
    await lingering.end().catch(() => {});
  });
});
