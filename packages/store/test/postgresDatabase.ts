/**
 * Test helper: a fresh, empty PostgreSQL database per test file, on the server in
 * TOKENSCOPE_TEST_DATABASE_URL (started by scripts/vitestPostgresSetup.mjs, or CI's .ci/run).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  /** Connection URL of the new database. */
  url: string;
  /** Ends every connection to the database and drops it. */
  drop(): Promise<void>;
}

/** The server's URL; throws when unset, so PostgreSQL tests never skip silently. */
export function testServerUrl(): string {
  const url = process.env.TOKENSCOPE_TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'TOKENSCOPE_TEST_DATABASE_URL is not set: run the tests with `npx vitest` from the repository root ' +
        '(its globalSetup starts a throwaway PostgreSQL server), or set it to a server of yours',
    );
  }
  return url;
}

/** Runs one statement on the server's own database (the one in TOKENSCOPE_TEST_DATABASE_URL). */
async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates an empty database named `ts_<random hex>` and returns its URL. */
export async function createTestDatabase(): Promise<TestDatabase> {
  // Random hex only: safe to write into SQL as an identifier (CREATE DATABASE takes no parameters).
  const name = `ts_${randomBytes(8).toString('hex')}`;
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // WITH (FORCE) (PostgreSQL 13+) terminates the database's connections before dropping it.
    drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
