/**
 * Schema migrations: numbered SQL files, one folder per backend (`migrations/sqlite/001_runs.sql`,
 * `migrations/postgres/001_runs.sql`, ...) with the same numbers and names, read at run time.
 * SQLite keeps the version in `PRAGMA user_version`, PostgreSQL in the table `tokenscope_schema`.
 * Each missing migration runs in its own write transaction together with the version bump, so a
 * crash leaves the database at the previous version, and processes opening a new database at once
 * apply each migration once (SQLite: the write lock; PostgreSQL: an advisory lock). A database at a
 * higher version than any known migration (written by a newer Tokenscope) is refused before any
 * write.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { SqlDriver, SqlExecutor } from './driver/SqlDriver.js';
import { StoreOpenError } from './errors/StoreOpenError.js';

/** The migrations folder of a backend, beside `src/` and `dist/` alike. */
export function migrationsDir(dialect: SqlDriver['dialect']): URL {
  return new URL(`../migrations/${dialect}/`, import.meta.url);
}

export interface Migration {
  version: number;
  /** File name, e.g. `001_runs.sql`. */
  name: string;
  sql: string;
}

const FILE_NAME = /^(\d{3})_[a-z0-9_]+\.sql$/;

/** Reads the migrations in `dir`, in order; their numbers must run 1, 2, 3, ... without gaps. */
export function readMigrations(dir: URL): Migration[] {
  const migrations = readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .map((name) => {
      const match = FILE_NAME.exec(name);
      if (match === null) throw new Error(`migration file ${name} is not named like 001_name.sql`);
      return { version: Number(match[1]), name, sql: readFileSync(new URL(name, dir), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration ${m.name} should be numbered ${String(i + 1).padStart(3, '0')}`);
  });
  return migrations;
}

/** The database's schema version (0 for a new one). */
export async function schemaVersion(db: SqlExecutor, dialect: SqlDriver['dialect']): Promise<number> {
  if (dialect === 'sqlite') {
    const row = await db.get<{ user_version: number }>('PRAGMA user_version');
    return row?.user_version ?? 0;
  }
  const table = await db.get<{ name: string | null }>(
    "SELECT to_regclass('tokenscope_schema')::text AS name",
  );
  if (table?.name === null || table?.name === undefined) return 0;
  const row = await db.get<{ version: number }>('SELECT version FROM tokenscope_schema');
  return row?.version ?? 0;
}

/**
 * Applies the migrations the database lacks, up to `target` (default: all). Throws
 * `StoreOpenError` (and changes nothing) when the database is at a higher version than any known
 * migration. Returns the versions before and after.
 */
export async function migrate(
  db: SqlDriver,
  migrations: readonly Migration[],
  location: string,
  target: number = migrations.length,
): Promise<{ from: number; to: number }> {
  const from = await assertKnownVersion(db, migrations, location);
  for (const migration of migrations) {
    if (migration.version > target) break;
    await db.transaction('write', async (tx) => {
      if (db.dialect === 'postgres') {
        // one migrating process at a time; the others wait here, then find the work done
        await tx.exec("SELECT pg_advisory_xact_lock(hashtext('tokenscope-migrate'))");
        await tx.exec('CREATE TABLE IF NOT EXISTS tokenscope_schema (version INTEGER NOT NULL)');
      }
      const current = await schemaVersion(tx, db.dialect); // another process may have applied it meanwhile
      checkNotNewer(current, migrations.length, location);
      if (current >= migration.version) return;
      await tx.exec(migration.sql);
      await setVersion(tx, db.dialect, migration.version);
    });
  }
  return { from, to: await schemaVersion(db, db.dialect) };
}

/** The database's schema version; throws `StoreOpenError` when it is newer than every known migration. */
export async function assertKnownVersion(
  db: SqlDriver,
  migrations: readonly Migration[],
  location: string,
): Promise<number> {
  const version = await schemaVersion(db, db.dialect);
  checkNotNewer(version, migrations.length, location);
  return version;
}

async function setVersion(tx: SqlExecutor, dialect: SqlDriver['dialect'], version: number): Promise<void> {
  if (dialect === 'sqlite') {
    await tx.exec(`PRAGMA user_version = ${version}`);
    return;
  }
  const { changes } = await tx.run('UPDATE tokenscope_schema SET version = ?', [version]);
  if (changes === 0) await tx.run('INSERT INTO tokenscope_schema (version) VALUES (?)', [version]);
}

function checkNotNewer(version: number, known: number, location: string): void {
  if (version > known) {
    throw new StoreOpenError(
      location,
      `it was written by a newer Tokenscope (schema version ${version}; this one knows up to ${known}): upgrade Tokenscope, or open another database`,
    );
  }
}
