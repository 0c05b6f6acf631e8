/**
 * SQLite-only behaviour of `openRunStore`: the data folder and file, WAL, `:memory:`, and files or
 * folders that are not a store's (never harmed). The shared suite (RunStore.sqlite.test.ts) covers the rest.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newRun, tempDir } from '../test/runs.js';
import { StoreOpenError } from './errors/StoreOpenError.js';
import { migrationsDir, readMigrations } from './migrate.js';
import { openRunStore } from './openRunStore.js';

const LATEST = readMigrations(migrationsDir('sqlite')).length;

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

async function openError(options: Parameters<typeof openRunStore>[0]): Promise<StoreOpenError> {
  let store: Awaited<ReturnType<typeof openRunStore>>;
  try {
    store = await openRunStore(options);
  } catch (error) {
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as Error).message).not.toContain('\n');
    return error as StoreOpenError;
  }
  await store.close();
  throw new Error('openRunStore did not reject');
}

describe('openRunStore (SQLite)', () => {
  it('creates the data folder (recursively) and runs.sqlite in WAL mode at the latest schema', async () => {
    const dataDir = join(tmp.dir, 'a', 'b', 'tokenscope');
    const store = await openRunStore({ dataDir });
    expect(store.backend).toBe('sqlite');
    expect(store.location).toBe(join(dataDir, 'runs.sqlite'));
    await store.save(newRun());
    await store.close();
    const db = new Database(store.location, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
    db.close();
  });

  it('takes a file path (made absolute) or :memory:', async () => {
    const file = join(tmp.dir, 'elsewhere', 'my-runs.db');
    const store = await openRunStore({ file: relative(process.cwd(), file) });
    expect(store.location).toBe(file);
    await store.close();
    const memory = await openRunStore({ file: ':memory:' });
    expect(memory.location).toBe(':memory:');
    const saved = await memory.save(newRun());
    expect((await memory.get(saved.id)).id).toBe(saved.id);
    await memory.close();
    expect(existsSync(join(process.cwd(), ':memory:'))).toBe(false);
  });

  it('reopens an existing store with its runs', async () => {
    const first = await openRunStore({ dataDir: tmp.dir });
    const saved = await first.save(newRun({ title: 'kept' }));
    await first.close();
    const second = await openRunStore({ dataDir: tmp.dir });
    expect((await second.get(saved.id)).title).toBe('kept');
    await second.close();
  });

  it('an empty databaseUrl means SQLite', async () => {
    const store = await openRunStore({ databaseUrl: '', dataDir: tmp.dir });
    expect(store.backend).toBe('sqlite');
    await store.close();
  });
});

describe('openRunStore never harms a file that is not its own', () => {
  it('a text file at the path: StoreOpenError naming it, the file unchanged', async () => {
    const file = join(tmp.dir, 'runs.sqlite');
    const text = 'my notes\nthat happen to sit where the store goes\n'.repeat(100);
    writeFileSync(file, text);
    const error = await openError({ dataDir: tmp.dir });
    expect(error.code).toBe('store_open');
    expect(error.path).toBe(file);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/not a SQLite database.*move it away, or pass another file/);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(readdirSync(tmp.dir)).toEqual(['runs.sqlite']);
  });

  it('a damaged SQLite file: StoreOpenError, the file unchanged', async () => {
    const file = join(tmp.dir, 'runs.sqlite');
    const bytes = Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(8192, 0xab)]);
    writeFileSync(file, bytes);
    const error = await openError({ file });
    expect(error.message).toContain(file);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('a file written by a newer Tokenscope: StoreOpenError saying so, the file byte for byte unchanged', async () => {
    const file = join(tmp.dir, 'runs.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE future (x)');
    db.pragma('user_version = 99');
    db.close();
    const before = readFileSync(file);
    const error = await openError({ file });
    expect(error.message).toMatch(
      new RegExp(
        `newer Tokenscope \\(schema version 99; this one knows up to ${LATEST}\\): upgrade Tokenscope`,
      ),
    );
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(tmp.dir)).toEqual(['runs.sqlite']); // no -wal or -shm file: WAL was never switched on
  });

  it('a folder that cannot be created (a file is in the way): StoreOpenError naming the folder', async () => {
    const blocker = join(tmp.dir, 'blocker');
    writeFileSync(blocker, 'x');
    const error = await openError({ dataDir: join(blocker, 'tokenscope') });
    expect(error.path).toBe(join(blocker, 'tokenscope'));
    expect(error.message).toMatch(/a file is in the way.*TOKENSCOPE_DATA_DIR/);
    expect(readFileSync(blocker, 'utf8')).toBe('x');
  });

  it('the data folder itself is a file: StoreOpenError naming it, the file unchanged', async () => {
    const blocker = join(tmp.dir, 'blocker');
    writeFileSync(blocker, 'x');
    const error = await openError({ dataDir: blocker });
    expect(error.path).toBe(blocker);
    expect(error.message).toMatch(/a file is in the way/);
    expect(readFileSync(blocker, 'utf8')).toBe('x');
  });

  it.skipIf(!existsSync('/proc/self'))(
    "a folder the kernel cannot hold (under /proc): StoreOpenError at once, where Node's recursive mkdir spins",
    async () => {
      const error = await openError({ dataDir: '/proc/tokenscope-test/data' });
      expect(error.path).toBe('/proc/tokenscope-test/data');
      expect(error.message).toMatch(/the folder cannot be created.*TOKENSCOPE_DATA_DIR/);
    },
  );

  it('a folder where the file should be: StoreOpenError naming it', async () => {
    const file = join(tmp.dir, 'runs.sqlite');
    mkdirSync(file);
    const error = await openError({ file });
    expect(error.path).toBe(file);
  });

  // root may write anywhere: the permission checks only mean something for another user
  it.skipIf(process.getuid?.() === 0)('a read-only folder: StoreOpenError saying so', async () => {
    const dir = join(tmp.dir, 'locked');
    mkdirSync(dir);
    chmodSync(dir, 0o500);
    try {
      const error = await openError({ dataDir: dir });
      expect(error.message).toMatch(/read-only|cannot be opened or created/);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      chmodSync(dir, 0o700);
    }
  });
});
