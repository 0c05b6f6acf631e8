/**
 * Builds packages/local (and core) once across Vitest workers, so that tests running from source can
 * fork the compiled `dist/process/engineHost.js`. Shares the CLI harness's lock folder, so this build
 * and `tsc -b packages/cli` never write the same dist/ files at once.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The shared test models: $TOKENSCOPE_MODELS_DIR, else ../shared/models beside the repository. */
export const MODELS_DIR = process.env.TOKENSCOPE_MODELS_DIR ?? resolve(REPO_ROOT, '../shared/models');

const sleeper = new Int32Array(new SharedArrayBuffer(4));

function mtime(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Builds packages/local (and core): what tests need to fork the compiled engine host. */
export function buildLocal(): void {
  buildProject('packages/local');
}

/**
 * Runs `fn` while holding the build lock shared by every test package and Vitest worker, so that two
 * builds never write the same dist/ files at once (a lock folder older than 2 minutes is taken over).
 */
export function withBuildLock<T>(fn: () => T): T {
  const lock = join(tmpdir(), 'tokenscope-cli-build.lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - (mtime(lock) ?? Date.now()) > 120_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`build lock ${lock} held too long`);
      Atomics.wait(sleeper, 0, 0, 100);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Runs `tsc -b <project>` once at a time across Vitest workers and test packages (under
 * `withBuildLock`).
 */
export function buildProject(project: string): void {
  withBuildLock(() => {
    try {
      execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-b', project], {
        cwd: REPO_ROOT,
        stdio: 'pipe',
      });
    } catch (error) {
      const out = (error as { stdout?: Buffer }).stdout?.toString() ?? '';
      throw new Error(`tsc -b ${project} failed:\n${out}`);
    }
  });
}
