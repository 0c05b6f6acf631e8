import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, isOneLine, runCli } from '../test/cliHarness.js';
import { chatChunk, type TokenSpec } from '../test/openaiChat.js';

const MB = 1024 * 1024;
let dir: string;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tokenscope-large-'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `head`, then `fill` repeated (in 1 MiB blocks) to about `bytes`, then `tail`; returns the path. */
function generate(name: string, bytes: number, head: string, fill: string, tail: string): string {
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, head);
    const block = Buffer.from(fill.repeat(Math.ceil(MB / fill.length)).slice(0, MB));
    for (let written = 0; written < bytes; written += block.length) writeSync(fd, block);
    writeSync(fd, tail);
  } finally {
    closeSync(fd);
  }
  return path;
}

/**
 * Heap limit for the streamed run. Measured on this 45 MB stream (13,000 tokens): the command needs
 * about 100 MB of heap (104 MB passes, 96 MB does not): the analysis, the 14 MB JSON report, and the
 * name finder's lexicon (compromise, about 14 MB once loaded); buffering the input as one string and
 * parsing every event (then analysing) does not fit even in 160 MB. So 128 MB passes only when the
 * input is streamed.
 */
const HEAP_LIMIT_MB = 128;

/** A heap well under the 100 MB inputs: a command that buffered one would run out of memory. */
const SMALL_HEAP_MB = 48;

/**
 * Writes an SSE stream of OpenAI chat chunks of about `bytes`, 1000 events per write. Each chunk has
 * five alternatives and 3 KB of `obfuscation` padding, so the input is large next to what the tokens
 * need: memory that grows with the input (not the tokens) shows up against HEAP_LIMIT_MB.
 */
function generateStream(name: string, bytes: number): { path: string; tokens: number } {
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  let size = 0;
  let tokens = 0;
  const padding = 'x'.repeat(3000);
  try {
    while (size < bytes) {
      let batch = '';
      for (let i = 0; i < 1000; i++, tokens++) {
        const p = 0.3 + ((tokens * 7919) % 70) / 100;
        const token: TokenSpec = [
          ` w${tokens % 1000}`,
          p,
          [
            [` w${tokens % 1000}`, p],
            [' alt1', (1 - p) / 2],
            [' alt2', (1 - p) / 4],
            [' alt3', (1 - p) / 8],
            [' alt4', (1 - p) / 16],
          ],
        ];
        batch += `data: ${JSON.stringify(chatChunk(token, undefined, padding))}\n\n`;
      }
      size += writeSync(fd, batch);
    }
    writeSync(fd, `data: ${JSON.stringify(chatChunk(null, 'stop'))}\n\ndata: [DONE]\n\n`);
  } finally {
    closeSync(fd);
  }
  return { path, tokens };
}

describe('tokenscope analyze: large inputs', () => {
  // No wall-clock limits here (a loaded CI machine made them flaky): a heap far smaller than the input
  // proves the junk is refused without reading the whole file into memory.
  it('fails fast on 100 MB of non-JSON junk, within a heap far smaller than the file', () => {
    const path = generate('junk.txt', 100 * MB, '', 'this is not a model response at all, just words\n', '');
    const result = runCli(['analyze', path], { nodeArgs: [`--max-old-space-size=${SMALL_HEAP_MB}`] });
    expect(result.status).toBe(1);
    expect(isOneLine(result.stderr)).toBe(true);
    expect(result.stderr).toMatch(/^tokenscope: input is not valid JSON/);
  });

  it('refuses a 100 MB single JSON document, naming the limit and the size', () => {
    const head =
      '{"id":"chatcmpl-big","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"';
    const tail = '"},"logprobs":null,"finish_reason":"stop"}]}';
    const path = generate('big.json', 100 * MB, head, 'a', tail);
    const result = runCli(['analyze', path]);
    expect(result.status).toBe(1);
    expect(isOneLine(result.stderr)).toBe(true);
    expect(result.stderr).toBe(
      `tokenscope: ${path} is 100.0 MiB, over the --max-bytes limit of 64 MiB for a single JSON document; ` +
        'raise --max-bytes, or save the response as a stream (SSE or JSON lines), which has no limit\n',
    );
    const raised = runCli(['analyze', path, '--max-bytes', '200M']);
    expect(raised.stderr).not.toMatch(/64 MiB/);
    expect(raised.stderr).toMatch(/has no logprobs/);
  });

  it(`analyses a 45 MB SSE stream within a ${HEAP_LIMIT_MB} MB heap`, () => {
    const { path, tokens } = generateStream('stream.sse', 45 * MB);
    expect(statSync(path).size).toBeGreaterThan(45 * MB);
    const out = join(dir, 'stream.json');
    const result = runCli(['analyze', path, '--format', 'json', '-o', out], {
      nodeArgs: [`--max-old-space-size=${HEAP_LIMIT_MB}`],
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const analysis = JSON.parse(readFileSync(out, 'utf8')) as { tokens: Array<{ text: string }> };
    expect(analysis.tokens).toHaveLength(tokens);
    expect(analysis.tokens[tokens - 1]?.text).toBe(` w${(tokens - 1) % 1000}`);
  }, 60_000);
});
