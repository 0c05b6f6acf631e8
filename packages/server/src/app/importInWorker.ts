import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { WorkerPool } from '../worker/WorkerPool.js';
import { type EncodedImport, encodeImport, type ImportBytes } from './importedRun.js';

/** Imports at least this large (bytes) are parsed in a worker thread; smaller ones inline. */
export const WORKER_IMPORT_BYTES = 256 * 1024;

/**
 * The compiled worker entry. From `dist/app/` it is the sibling `importWorker.js`; when this module
 * runs from source (Vitest), it is the one in the package's `dist/`, built by `tsc -b packages/server`.
 */
function importWorkerEntry(): string {
  const here = fileURLToPath(import.meta.url);
  const sibling = fileURLToPath(new URL('./importWorker.js', import.meta.url));
  if (here.endsWith('.js') && existsSync(sibling)) return sibling;
  return fileURLToPath(new URL('../../dist/app/importWorker.js', import.meta.url));
}

/** Workers for imports: one core stays free for the thread that answers requests (1 on 2 cores, at most 2). */
const POOL_SIZE = Math.max(1, Math.min(2, availableParallelism() - 1));

let pool: WorkerPool<ImportBytes, EncodedImport> | undefined;

/**
 * `encodeImport` on a worker thread of a small shared pool (started on first use), so that a large
 * import (tens of MB: seconds of parsing) does not hold up other requests; core's and the store's
 * errors come back as their own classes. Without a built entry (a source checkout that was never
 * built) it runs here instead.
 */
export function importInWorker(input: ImportBytes): Promise<EncodedImport> {
  if (pool === undefined) {
    const entry = importWorkerEntry();
    if (!existsSync(entry)) return Promise.resolve().then(() => encodeImport(input));
    pool = new WorkerPool(entry, POOL_SIZE);
  }
  return pool.run(input, [input.body]); // the body moves to the worker: this thread neither copies nor decodes it
}
