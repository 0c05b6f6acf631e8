/**
 * @tokenscope/store: the run history in one SQLite file (better-sqlite3, WAL, numbered SQL
 * migrations). `openRunStore()` opens `defaultDataDir()/runs.sqlite`.
 */
export { defaultDataDir } from './defaultDataDir.js';
export { InvalidReviewError, InvalidRunError, RunNotFoundError, StoreOpenError } from './errors/index.js';
export { BUSY_TIMEOUT_MS, openRunStore, STORE_FILE_NAME } from './openRunStore.js';
export type { RunStore, RunStoreOptions } from './RunStore.js';
