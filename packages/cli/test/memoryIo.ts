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
