/**
 * @tokenscope/store: the run history behind one asynchronous interface: an embedded SQLite file
 * (better-sqlite3, WAL; the default) or a team's PostgreSQL database (node-postgres), with the same
 * numbered SQL migrations. `openRunStore()` opens `defaultDataDir()/runs.sqlite`;
 * `openRunStore({ databaseUrl })` opens PostgreSQL.
 */
export { defaultDataDir } from './defaultDataDir.js';
export { type EncodedRun, encodeRun, type StoredRun } from './encodeRun.js';
export { InvalidReviewError, InvalidRunError, RunNotFoundError, StoreOpenError } from './errors/index.js';
export { redactUrl } from './openPostgresStore.js';
export { BUSY_TIMEOUT_MS, openRunStore, STORE_FILE_NAME } from './openRunStore.js';
export type { RunStore, RunStoreOptions } from './RunStore.js';
