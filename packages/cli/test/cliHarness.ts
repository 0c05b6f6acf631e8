/**
 * Test harness for the `tokenscope` binary: builds it once (under a lock, since Vitest runs test
 * files in parallel workers) and runs the real launcher, `node packages/cli/bin/tokenscope.js`.
 */
import { type SpawnSyncOptions, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProject } from '../../local/test/buildLocal.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const BIN = join(REPO_ROOT, 'packages/cli/bin/tokenscope.js');
export const FIXTURES = join(REPO_ROOT, 'packages/core/src/formats/__fixtures__');

/** Runs `tsc -b packages/cli` once at a time across Vitest workers (see `buildProject`). */
export function ensureBuilt(): void {
  buildProject('packages/cli');
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunOptions {
  /** Text piped to stdin (default: empty stdin, not a TTY). */
  input?: string;
  /** Extra environment (undefined removes a variable); colour variables are cleared unless given here. */
  env?: Record<string, string | undefined>;
  /** Working directory (default: the repository root). */
  cwd?: string;
  /** Options for node itself, e.g. `--max-old-space-size=128`. */
  nodeArgs?: string[];
  /** A file descriptor to use as stdin. */
  stdinFd?: number;
}

/** Runs the real binary with `args` and waits for it. */
export function runCli(args: string[], options: RunOptions = {}): CliResult {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NO_COLOR: undefined,
    FORCE_COLOR: undefined,
  };
  Object.assign(env, options.env);
  const spawnOptions: SpawnSyncOptions = {
    cwd: options.cwd ?? REPO_ROOT,
    env,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    input: options.input ?? '',
    ...(options.stdinFd === undefined ? {} : { stdio: [options.stdinFd, 'pipe', 'pipe'] }),
  };
  const nodeArgs = [...(options.nodeArgs ?? []), BIN, ...args];
  const started = performance.now();
  const result = spawnSync(process.execPath, nodeArgs, spawnOptions);
  if (result.error) throw result.error;
  return {
    status: result.status,
    stdout: String(result.stdout),
    stderr: String(result.stderr),
    ms: performance.now() - started,
  };
}

/** Asserts nothing of a stack trace: a single line, no `    at ` frames. */
export function isOneLine(text: string): boolean {
  return text.endsWith('\n') && text.trimEnd().split('\n').length === 1 && !/^\s+at /m.test(text);
}
