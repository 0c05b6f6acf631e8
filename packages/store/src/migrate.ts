/**
 * Schema migrations: numbered SQL files in `packages/store/migrations/` (`001_runs.sql`,
 * `002_search.sql`, ...), read at run time. The database's `PRAGMA user_version` is the number of
 * the last one applied. Each missing migration runs in its own write transaction (BEGIN IMMEDIATE)
 * together with the version bump, so a crash leaves the file at the previous version, and two
 * processes opening a new file at once apply each migration once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { StoreOpenError } from './errors/StoreOpenError.js';

/** The migrations folder, beside `src/` and `dist/` alike. */
export const MIGRATIONS_DIR = new URL('../migrations/', import.meta.url);

export interface Migration {
  version: number;
  /** File name, e.g. `001_runs.sql`. */
  name: string;
  sql: string;
}

const FILE_NAME = /^(\d{3})_[a-z0-9_]+\.sql$/;

/** Reads the migrations in `dir`, in order; their numbers must run 1, 2, 3, ... without gaps. */
export function readMigrations(dir: URL = MIGRATIONS_DIR): Migration[] {
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

/** The schema version the file is at (0 for a new file). */
export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies the migrations the database lacks, up to `target` (default: all). Throws
 * `StoreOpenError` (and changes nothing) when the file is at a higher version than any known
 * migration, that is, it was written by a newer Tokenscope. Returns the versions before and after.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[],
  file: string,
  target: number = migrations.length,
): { from: number; to: number } {
  const from = assertKnownVersion(db, migrations, file);
  for (const migration of migrations) {
    if (migration.version > target) break;
    db.transaction(() => {
      const current = schemaVersion(db); // another process may have applied it meanwhile
      checkNotNewer(current, migrations.length, file);
      if (current >= migration.version) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return { from, to: schemaVersion(db) };
}

/** The file's schema version; throws `StoreOpenError` when it is newer than every known migration. */
export function assertKnownVersion(
  db: Database.Database,
  migrations: readonly Migration[],
  file: string,
): number {
  const version = schemaVersion(db);
  checkNotNewer(version, migrations.length, file);
  return version;
}

function checkNotNewer(version: number, known: number, file: string): void {
  if (version > known) {
    throw new StoreOpenError(
      file,
      `it was written by a newer Tokenscope (schema version ${version}; this one knows up to ${known}): upgrade Tokenscope, or open another file`,
    );
  }
}
