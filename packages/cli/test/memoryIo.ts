import { PassThrough, Writable } from 'node:stream';
import type { CliIo } from '../src/io/CliIo.js';

function collector(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

/** In-memory streams for running `main` in process: empty stdin (not a TTY), captured stdout/stderr. */
export function memoryIo(overrides: Partial<CliIo> = {}): {
  io: CliIo;
  stdout: () => string;
  stderr: () => string;
} {
  const out = collector();
  const err = collector();
  return {
    io: { stdin: new PassThrough(), stdout: out.stream, stderr: err.stream, env: {}, ...overrides },
    stdout: out.text,
    stderr: err.text,
  };
}

/** Runs `main(args)` in process with `stdin` (when given) as standard input; returns the exit code and output. */
export async function runMain(
  args: string[],
  stdin?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { main } = await import('../src/main.js');
  const input = new PassThrough();
  const t = memoryIo({ stdin: input });
  if (stdin !== undefined) input.end(stdin);
  const code = await main(args, t.io);
  return { code, stdout: t.stdout(), stderr: t.stderr() };
}
