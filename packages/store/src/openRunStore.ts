/**
 * Opens (creating when missing) the run store: `<dataDir>/runs.sqlite` by default, or the
 * PostgreSQL database of `databaseUrl`. SQLite: WAL (checkpointed on a worker thread,
 * `WalCheckpointer`), synchronous=FULL, a 5 s busy timeout and foreign keys. Both: missing migrations applied, then the figures of runs saved before version 005
 * computed. Nothing is written to a database that turns out not to be a Tokenscope store or to come
 * from a newer version.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { TokenscopeError } from '@tokenscope/core';
import Database from 'better-sqlite3';
import { defaultDataDir } from './defaultDataDir.js';
import { SqliteDriver } from './driver/SqliteDriver.js';
import { StoreOpenError } from './errors/StoreOpenError.js';
import { assertKnownVersion, migrate, migrationsDir, readMigrations } from './migrate.js';
import { openPostgresStore } from './openPostgresStore.js';
import type { RunStore, RunStoreOptions } from './RunStore.js';
import { SqlRunStore } from './SqlRunStore.js';
import { deriveMissing } from './sql/figureRows.js';

/** File name of the store inside the data folder. */
export const STORE_FILE_NAME = 'runs.sqlite';
/** How long a write waits for another connection's write lock before failing (ms). */
export const BUSY_TIMEOUT_MS = 5000;

const HINT = 'set TOKENSCOPE_DATA_DIR to a writable folder, or pass another file';

export async function openRunStore(options: RunStoreOptions = {}): Promise<RunStore> {
  if (options.databaseUrl !== undefined && options.databaseUrl !== '')
    return openPostgresStore(options.databaseUrl);
  const file = storeFile(options);
  if (file !== ':memory:') makeFolder(dirname(file));
  let db: Database.Database;
  try {
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new StoreOpenError(file, explain(error), { cause: error });
  }
  const driver = new SqliteDriver(db);
  try {
    const migrations = readMigrations(migrationsDir('sqlite'));
    await assertKnownVersion(driver, migrations, file); // before any write: a newer file stays untouched
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    await migrate(driver, migrations, file);
    await deriveMissing(driver);
    if (file !== ':memory:') driver.checkpointOffThread(file, BUSY_TIMEOUT_MS);
    return new SqlRunStore(driver, file);
  } catch (error) {
    await driver.close();
    if (error instanceof TokenscopeError) throw error;
    throw new StoreOpenError(file, explain(error), { cause: error });
  }
}

function storeFile(options: RunStoreOptions): string {
  if (options.file === ':memory:') return ':memory:';
  if (options.file !== undefined) return resolve(options.file);
  return join(resolve(options.dataDir ?? defaultDataDir()), STORE_FILE_NAME);
}

/**
 * Creates `dir` and its missing parents, one level at a time: Node's `mkdirSync(dir, {recursive:
 * true})` never returns where the kernel answers ENOENT for a folder it cannot hold (under /proc).
 */
function makeFolder(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d) && dirname(d) !== d; d = dirname(d)) missing.unshift(d);
  try {
    for (const d of missing) {
      try {
        mkdirSync(d);
      } catch (error) {
        // another process made it meanwhile
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(d).isDirectory()) throw error;
      }
    }
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error(`${dir} is a file`), { code: 'ENOTDIR' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOTDIR' || code === 'EEXIST'
        ? 'a file is in the way of the folder'
        : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
          ? 'the folder cannot be created (permission denied or read-only)'
          : `the folder cannot be created (${code ?? String(error)})`;
    throw new StoreOpenError(dir, `${why}: ${HINT}`, { cause: error });
  }
}

/** One line for a SQLite or file-system failure. */
function explain(error: unknown): string {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB') {
    return 'the file is not a SQLite database (another program wrote it?); it was left as it is: move it away, or pass another file';
  }
  if (code.startsWith('SQLITE_CORRUPT')) {
    return 'the database is damaged; it was left as it is: restore a backup, or move it away to start a new one';
  }
  if (code.startsWith('SQLITE_READONLY')) return `the file or its folder is read-only: ${HINT}`;
  if (code.startsWith('SQLITE_CANTOPEN')) return `the file cannot be opened or created: ${HINT}`;
  if (code.startsWith('SQLITE_BUSY'))
    return 'another process holds the database locked for more than 5 s; try again';
  const message = error instanceof Error ? error.message : String(error);
  return `${message}${code === '' ? '' : ` (${code})`}`;
}
