import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newRun, tempDir } from '../test/runs.js';
import { StoreOpenError } from './errors/StoreOpenError.js';
import { openRunStore } from './openRunStore.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

function openError(options: Parameters<typeof openRunStore>[0]): StoreOpenError {
  try {
    openRunStore(options).close();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as Error).message).not.toContain('\n');
    return error as StoreOpenError;
  }
  throw new Error('openRunStore did not throw');
}

describe('openRunStore', () => {
  it('creates the data folder (recursively) and runs.sqlite in WAL mode at the latest schema', () => {
    const dataDir = join(tmp.dir, 'a', 'b', 'tokenscope');
    const store = openRunStore({ dataDir });
    expect(store.file).toBe(join(dataDir, 'runs.sqlite'));
    store.save(newRun());
    store.close();
    const db = new Database(store.file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    db.close();
  });

  it('takes a file path (made absolute) or :memory:', () => {
    const cwd = process.cwd();
    const file = join(tmp.dir, 'elsewhere', 'my-runs.db');
    const store = openRunStore({ file: relative(cwd, file) });
    expect(store.file).toBe(file);
    store.close();
    const memory = openRunStore({ file: ':memory:' });
    expect(memory.file).toBe(':memory:');
    const saved = memory.save(newRun());
    expect(memory.get(saved.id).id).toBe(saved.id);
    memory.close();
  });

  it('reopens an existing store with its runs', () => {
    const first = openRunStore({ dataDir: tmp.dir });
    const saved = first.save(newRun({ title: 'kept' }));
    first.close();
    const second = openRunStore({ dataDir: tmp.dir });
    expect(second.get(saved.id).title).toBe('kept');
    second.close();
  });
});

describe('openRunStore never harms a file that is not its own', () => {
  it('a text file at the path: StoreOpenError naming it, the file unchanged', () => {
    const file = join(tmp.dir, 'runs.sqlite');
    const text = 'my notes\nthat happen to sit where the store goes\n'.repeat(100);
    writeFileSync(file, text);
    const error = openError({ dataDir: tmp.dir });
    expect(error.code).toBe('store_open');
    expect(error.path).toBe(file);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/not a SQLite database.*move it away, or pass another file/);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(readdirSync(tmp.dir)).toEqual(['runs.sqlite']);
  });

  it('a damaged SQLite file: StoreOpenError, the file unchanged', () => {
    const file = join(tmp.dir, 'runs.sqlite');
    const bytes = Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(8192, 0xab)]);
    writeFileSync(file, bytes);
    const error = openError({ file });
    expect(error.message).toContain(file);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('a file written by a newer Tokenscope: StoreOpenError saying so, the file unchanged', () => {
    const file = join(tmp.dir, 'runs.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE future (x)');
    db.pragma('user_version = 99');
    db.close();
    const before = readFileSync(file);
    const error = openError({ file });
    expect(error.message).toMatch(
      /newer Tokenscope \(schema version 99; this one knows up to 4\): upgrade Tokenscope/,
    );
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(tmp.dir)).toEqual(['runs.sqlite']);
  });

  it('a folder that cannot be created (a file is in the way): StoreOpenError naming the folder', () => {
    const blocker = join(tmp.dir, 'blocker');
    writeFileSync(blocker, 'x');
    const error = openError({ dataDir: join(blocker, 'tokenscope') });
    expect(error.path).toBe(join(blocker, 'tokenscope'));
    expect(error.message).toMatch(/a file is in the way.*TOKENSCOPE_DATA_DIR/);
    expect(readFileSync(blocker, 'utf8')).toBe('x');
  });

  it('the data folder itself is a file: StoreOpenError naming it, the file unchanged', () => {
    const blocker = join(tmp.dir, 'blocker');
    writeFileSync(blocker, 'x');
    const error = openError({ dataDir: blocker });
    expect(error.path).toBe(blocker);
    expect(error.message).toMatch(/a file is in the way/);
    expect(readFileSync(blocker, 'utf8')).toBe('x');
  });

  it.skipIf(!existsSync('/proc/self'))(
    "a folder the kernel cannot hold (under /proc): StoreOpenError at once, where Node's recursive mkdir spins",
    () => {
      const error = openError({ dataDir: '/proc/tokenscope-test/data' });
      expect(error.path).toBe('/proc/tokenscope-test/data');
      expect(error.message).toMatch(/the folder cannot be created.*TOKENSCOPE_DATA_DIR/);
    },
  );

  it('a folder where the file should be: StoreOpenError naming it', () => {
    const file = join(tmp.dir, 'runs.sqlite');
    mkdirSync(file);
    const error = openError({ file });
    expect(error.path).toBe(file);
  });
});
