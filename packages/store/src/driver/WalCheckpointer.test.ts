import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureResponse, newRun, SEED, tempDir } from '../../test/runs.js';
import { openRunStore, STORE_FILE_NAME } from '../openRunStore.js';
import { SqliteDriver } from './SqliteDriver.js';

// The checkpoint worker is the one built in dist/ (`tsc -b packages/store`).

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A run of about 3 MB: the seed's tokens repeated. */
function largeRun() {
  const response = fixtureResponse(SEED);
  const completion = response.completions[0]!;
  completion.tokens = Array.from({ length: 3000 }, () => completion.tokens).flat();
  completion.text = completion.tokens.map((t) => t.text).join('');
  return newRun({ response });
}

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the write-ahead log is checkpointed on a worker thread', () => {
  it('copies a large commit into the database file soon after, and the store closes without a log left', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = join(dir, STORE_FILE_NAME);
    const store = await openRunStore({ dataDir: dir });
    const before = statSync(file).size;
    const saved = await store.save(largeRun());
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(2_000_000);
    // the saving connection no longer checkpoints by itself: the database file grows only when the worker has run
    await until(() => statSync(file).size > before + 2_000_000);
    expect((await store.get(saved.id)).response).toEqual(saved.response);
    await store.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const reopened = await openRunStore({ dataDir: dir });
    expect((await reopened.get(saved.id)).summary).toEqual(saved.summary);
    await reopened.close();
  });

  it("turns the connection's own checkpoints off while the worker runs", async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = join(dir, 'x.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    const driver = new SqliteDriver(db);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    driver.checkpointOffThread(file, 1000);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000); // until the first write
    await driver.exec('CREATE TABLE t (v TEXT)');
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await driver.run('INSERT INTO t (v) VALUES (?)', ['x'.repeat(3_000_000)]);
    await until(() => statSync(file).size > 3_000_000);
    await driver.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});
