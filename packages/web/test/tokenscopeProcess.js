/**
 * The real `tokenscope` binary as a child process, for the end-to-end tests and `npm run bench`:
 * `node packages/cli/bin/tokenscope.js ARGS` in its own process group (so the model process it forks
 * can be killed with it), ready once a stdout line matches. Plain JavaScript (typed by
 * tokenscopeProcess.d.ts) so that bench/web.js can use it without a build.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const BIN = join(REPO_ROOT, 'packages/cli/bin/tokenscope.js');
/** The shared test models: $TOKENSCOPE_MODELS_DIR, else ../shared/models beside the repository. */
export const MODELS_DIR = process.env.TOKENSCOPE_MODELS_DIR || resolve(REPO_ROOT, '../shared/models');
export const STORIES = join(MODELS_DIR, 'stories260K.gguf');

/** `tokenscope app`'s first line: `Tokenscope X-ray: http://127.0.0.1:PORT/  (…)`. */
export const APP_READY = /^Tokenscope X-ray: (http:\/\/[^\s/]+)\/ /m;
/** `tokenscope serve`'s first line: `Tokenscope serving MODEL at http://127.0.0.1:PORT/v1 (…)`. */
export const SERVE_READY = /^Tokenscope serving \S+ at (http:\/\/[^\s/]+)\/v1 /m;

const live = new Set();
process.once('exit', () => {
  for (const pid of live) killGroup(pid, 'SIGKILL');
});

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Starts `tokenscope ...args`; resolves once stdout matches `ready` (its first group is `url`), and
 * rejects with the output if the process exits first. Variables in `env` set to undefined are removed
 * (TOKENSCOPE_API_KEY, TOKENSCOPE_MODEL and TOKENSCOPE_DATA_DIR are removed unless given).
 */
export function startTokenscope(args, options = {}) {
  const ready = options.ready ?? APP_READY;
  const merged = {
    ...process.env,
    TOKENSCOPE_API_KEY: undefined,
    TOKENSCOPE_MODEL: undefined,
    TOKENSCOPE_DATA_DIR: undefined,
    ...options.env,
  };
  const env = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined));
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  live.add(pid);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise((done) =>
    child.once('exit', (code, signal) => {
      live.delete(pid);
      done(code ?? signal);
    }),
  );
  const output = () => `${stdout}${stderr}`;
  const handle = {
    child,
    pid,
    url: '',
    output,
    exited,
    /** Sends SIGTERM to the process (it shuts down and stops its model process); resolves on exit. */
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      killGroup(pid, 'SIGKILL');
    },
    /** `kill -9` of the whole process tree (the server and its model process); resolves on exit. */
    async kill() {
      killGroup(pid, 'SIGKILL');
      await exited;
    },
  };
  return new Promise((resolveReady, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
      const match = ready.exec(stdout);
      if (match && handle.url === '') {
        handle.url = match[1];
        resolveReady(handle);
      }
    });
    void exited.then((code) =>
      reject(new Error(`tokenscope ${args.join(' ')} exited (${code}) before it was ready:\n${output()}`)),
    );
  });
}

/** `tokenscope app --no-open --port 0 --data-dir DIR [--model MODEL] ...extra` (model: null for none). */
export function startApp(dataDir, options = {}) {
  const model = options.model === undefined ? STORIES : options.model;
  return startTokenscope(
    [
      'app',
      '--no-open',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      ...(model === null ? [] : ['--model', model]),
      ...(options.args ?? []),
    ],
    options,
  );
}
