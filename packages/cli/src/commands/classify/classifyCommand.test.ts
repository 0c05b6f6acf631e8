import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLocal, MODELS_DIR } from '../../../../local/test/buildLocal.js';
import { runMain } from '../../../test/memoryIo.js';

const STORIES = join(MODELS_DIR, 'stories260K.gguf');
const TINY = join(MODELS_DIR, 'TinyStories-656K-Q8_0.gguf');
const LABELS = 'billing,bug report,feature request,account access';
const dir = mkdtempSync(join(tmpdir(), 'tokenscope-classify-'));

const run = (args: string[]) => runMain(['classify', ...args]);

interface Json {
  method: string;
  labels: Array<{ label: string; probability: number; rawProbability: number; tokenCount: number }>;
  top: string;
  margin: number;
  abstain: boolean;
  label: string | null;
}

beforeAll(() => buildLocal(), 180_000);

describe('tokenscope classify (local, exact)', () => {
  it('prints every full label with its probability; the distribution sums to 1', async () => {
    const r = await run([
      '-m',
      STORIES,
      '--threads',
      '1',
      '--labels',
      LABELS,
      '--format',
      'json',
      'I was charged twice.',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Json;
    expect(json.method).toBe('exact');
    expect(json.labels.map((l) => l.label)).toEqual(LABELS.split(','));
    expect(json.labels.reduce((s, l) => s + l.probability, 0)).toBeCloseTo(1, 9);
    expect(json.labels.some((l) => l.tokenCount > 1)).toBe(true);
    for (const l of json.labels) expect(l.rawProbability).toBeGreaterThan(0);
    expect(json.label).toBe(json.top);
  }, 60_000);

  it('abstains below --min-margin and exits 2 with --fail-on-abstain (text output)', async () => {
    const r = await run([
      '-m',
      STORIES,
      '--threads',
      '1',
      '--labels',
      LABELS,
      '--min-margin',
      '1',
      '--fail-on-abstain',
      'Hello',
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^ABSTAIN: margin 0\.\d+ between .*: route to a human$/m);
    expect(r.stdout).toMatch(/▶ /);
  }, 60_000);

  it('classifies a JSON-lines batch: one JSON line per row, accuracy on stderr, no bar off a terminal', async () => {
    const file = join(dir, 'rows.jsonl');
    writeFileSync(
      file,
      [
        '{"id":"a","text":"I was charged twice.","label":"billing"}',
        '',
        '{"text":"The app crashes.","label":"bug report"}',
      ].join('\n'),
    );
    const r = await run([
      '-m',
      STORIES,
      '--threads',
      '1',
      '--labels',
      LABELS,
      '--batch',
      file,
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Json & { id?: string; line: number; correct: boolean });
    expect(lines.map((l) => l.line)).toEqual([1, 3]);
    expect(lines[0]!.id).toBe('a');
    const right = lines.filter((l) => l.correct).length;
    expect(r.stderr).toBe(
      `tokenscope: 2 rows, 0 abstained (routed to a human), accuracy ${(right * 50).toFixed(1)} % (${right}/2 top labels right), accuracy of the decided rows ${(right * 50).toFixed(1)} % (${right}/2)\n`,
    );
  }, 60_000);

  it('refuses text the model cannot tokenize and text too long for the context, on one line', async () => {
    const tiny = await run(['-m', TINY, '--threads', '1', '--labels', 'a,b', 'issue #4']);
    expect(tiny.code).toBe(1);
    expect(tiny.stderr).toMatch(
      /^tokenscope: expected text the vocabulary of TinyStories-656K-Q8_0 can encode, got "#".*\n$/,
    );
    const long = await run([
      '-m',
      STORIES,
      '--threads',
      '1',
      '--context-size',
      '256',
      '--labels',
      'a,b',
      'la '.repeat(300),
    ]);
    expect(long.code).toBe(1);
    expect(long.stderr).toMatch(
      /^tokenscope: expected a prompt of at most 255 tokens \(context size 256\), got \d+.*\n$/,
    );
  }, 60_000);
});

describe('tokenscope classify: bad input, before any model loads', () => {
  it.each([
    [['--labels', 'billing,billing', 'x'], /expected distinct labels, got "billing" twice/],
    [['--labels', 'billing', 'x'], /expected at least 2 labels, got 1/],
    [['--labels', 'billing,,bug', 'x'], /got an empty one at position 2/],
    [['x'], /give the labels with --labels/],
    [['--labels', 'a,b'], /no text: pass TEXT/],
    [['--labels', 'a,b', '--prompt-template', 'no slot', 'x'], /template with \{text\}/],
    [['--labels', 'a,b', '--min-margin', '2', 'x'], /--min-margin.*0\.\.1/],
    [['--labels', 'a,b', '--top-logprobs', '5', 'x'], /--top-logprobs needs --base-url/],
    [['--labels', 'a,b', '--labels-file', '/nonexistent', 'x'], /--labels "a,b,c" or --labels-file FILE/],
  ])('%j', async (args, message) => {
    // A model path that does not exist: the input error must come before any model is opened.
    const r = await run(['-m', join(dir, 'absent.gguf'), ...args]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('names the line of a bad batch row', async () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"text":"ok"}\n{"txt":"no"}\n');
    const r = await run(['-m', join(dir, 'absent.gguf'), '--labels', 'a,b', '--batch', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('tokenscope: line 2, field "text": expected a non-empty string, got nothing\n');
  });
});
