import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, isOneLine, REPO_ROOT } from '../test/cliHarness.js';

const MB = 1024 * 1024;

beforeAll(() => ensureBuilt(), 120_000);

/** Endless 1 MiB blocks of `line`, as `yes` writes them: never one blank line between them. */
function* repeatLine(line: string): Generator<Buffer> {
  const block = Buffer.from(line.repeat(Math.ceil(MB / line.length)));
  for (;;) yield block;
}

/**
 * Writes blocks from `source` to `stdin` until `limit` bytes or until the reader goes away; returns how
 * many bytes the pipe took and the error that ended the writing (EPIPE when the reader closed it).
 */
async function pour(
  stdin: Writable,
  source: Iterator<Buffer>,
  limit: number,
): Promise<{ written: number; error: NodeJS.ErrnoException | undefined }> {
  let error: NodeJS.ErrnoException | undefined;
  // `on`, not `once`: a write still queued fails too, and an error without a listener would be unhandled.
  const failed = new Promise<void>((resolve) =>
    stdin.on('error', (e: NodeJS.ErrnoException) => {
      error ??= e;
      resolve();
    }),
  );
  let written = 0;
  while (written < limit && error === undefined) {
    const block = source.next().value as Buffer;
    written += block.length;
    if (!stdin.write(block)) await Promise.race([once(stdin, 'drain'), failed]);
  }
  if (error === undefined) stdin.end();
  return { written, error };
}

/** Runs `tokenscope analyze - ...args` with endless `line`s on stdin; returns its exit and what it read. */
async function analyzeEndless(line: string, args: string[] = []) {
  const child = spawn(process.execPath, [BIN, 'analyze', '-', ...args], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = once(child, 'close') as Promise<[number | null]>;
  const limit = 256 * MB;
  const { written, error } = await pour(child.stdin, repeatLine(line), limit);
  const [status] = await exited;
  return { status, stderr, written, limit, error };
}

describe('tokenscope analyze: a junk stream on stdin', () => {
  it('fails at its first event, without reading the rest of the stream', async () => {
    const r = await analyzeEndless('data: {garbage\n');
    expect(r.status).toBe(1);
    expect(isOneLine(r.stderr)).toBe(true);
    expect(r.stderr).toBe(
      'tokenscope: input is not valid JSON (line 1): expected a property name in double quotes near "{garbage"\n',
    );
    // The command stopped reading: the pipe broke long before the 256 MB were written.
    expect(r.error?.code).toBe('EPIPE');
    expect(r.written).toBeLessThan(r.limit / 8);
  });

  it('refuses an SSE event that never ends at the --max-bytes limit, without reading the rest', async () => {
    const r = await analyzeEndless('data: {"a":\n', ['--max-bytes', '1M']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      'tokenscope: the SSE event at line 1 of the stream is longer than the --max-bytes limit of 1 MiB, ' +
        'which holds for one line or event of a stream too; raise --max-bytes\n',
    );
    expect(r.error?.code).toBe('EPIPE');
    expect(r.written).toBeLessThan(r.limit / 8);
  });
});
