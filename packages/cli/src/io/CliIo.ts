import type { Readable, Writable } from 'node:stream';

/** The process streams and environment a command uses; tests can pass their own. */
export interface CliIo {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable;
  env: Readonly<Record<string, string | undefined>>;
}

/** The real process's streams. A closed pipe on stdout (`tokenscope ... | head`) is not an error. */
export function processIo(): CliIo {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}
