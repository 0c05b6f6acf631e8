/**
 * Opens the run store in a PostgreSQL database (`postgres://USER[:PASSWORD]@HOST:PORT/DB`): checks
 * the schema version before any write, applies missing migrations (one process at a time: an
 * advisory lock), computes the figures of runs saved before version 005. The database must exist;
 * the user needs the right to create tables in it (the first time) and to read and write them.
 * The password never appears in an error or in `location`.
 */
import { TokenscopeError } from '@tokenscope/core';
import { PostgresDriver } from './driver/PostgresDriver.js';
import { StoreOpenError } from './errors/StoreOpenError.js';
import { assertKnownVersion, migrate, migrationsDir, readMigrations } from './migrate.js';
import type { RunStore } from './RunStore.js';
import { SqlRunStore } from './SqlRunStore.js';
import { deriveMissing } from './sql/figureRows.js';

export async function openPostgresStore(databaseUrl: string): Promise<RunStore> {
  const location = redactUrl(databaseUrl);
  const driver = new PostgresDriver(databaseUrl);
  try {
    await driver.get('SELECT 1 AS one');
    const migrations = readMigrations(migrationsDir('postgres'));
    await assertKnownVersion(driver, migrations, location);
    await migrate(driver, migrations, location);
    await deriveMissing(driver);
    return new SqlRunStore(driver, location);
  } catch (error) {
    await driver.close().catch(() => undefined);
    if (error instanceof TokenscopeError) throw error;
    throw new StoreOpenError(location, explainPostgres(error, databaseUrl), { cause: error });
  }
}

/** The URL as it may be shown: no password, no query parameters (they may carry one). */
export function redactUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
      throw new StoreOpenError(
        `${url.protocol}//…`,
        'expected a PostgreSQL URL such as postgres://USER@HOST:5432/DB (postgres: or postgresql:)',
      );
    }
    url.password = '';
    url.search = '';
    return url.toString();
  } catch (error) {
    if (error instanceof StoreOpenError) throw error;
    throw new StoreOpenError('the database URL', 'it is not a URL: expected postgres://USER@HOST:5432/DB');
  }
}

/** One line for a connection or server failure, without the password. */
function explainPostgres(error: unknown, databaseUrl: string): string {
  const code = (error as { code?: string }).code ?? '';
  const password = safePassword(databaseUrl);
  const message = (error instanceof Error ? error.message : String(error)).replaceAll(
    password ?? '\u0000',
    '***',
  );
  if (code === 'ECONNREFUSED')
    return 'no PostgreSQL server answers at that host and port (connection refused)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name cannot be resolved';
  if (code === 'ETIMEDOUT') return 'the connection timed out';
  if (code === '28P01' || code === '28000') return `the server refused the user or password (${message})`;
  if (code === '3D000')
    return `the database does not exist: create it first (createdb), or name another (${message})`;
  if (code === '42501') return `the user lacks a privilege the store needs (${message})`;
  return `${message}${code === '' ? '' : ` (${code})`}`;
}

function safePassword(databaseUrl: string): string | undefined {
  try {
    const password = decodeURIComponent(new URL(databaseUrl).password);
    return password === '' ? undefined : password;
  } catch {
    return undefined;
  }
}
