import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLocal, MODELS_DIR } from '../../../local/test/buildLocal.js';
import { runMain } from '../../test/memoryIo.js';

const STORIES = join(MODELS_DIR, 'stories260K.gguf');
const TINY = join(MODELS_DIR, 'TinyStories-656K-Q8_0.gguf');
const TEXT = 'Once upon a time, there was a purple elephant named Bob.';

const run = (args: string[]) => runMain(['score', ...args]);

interface Json {
  tokenCount: number;
  sumLogprob: number;
  perplexity: number;
  belowTopK: number;
  tokens: Array<{ text: string; logprob: number | null; rank: number | null }>;
  report: { tokens: unknown[] };
}

beforeAll(() => buildLocal(), 180_000);

describe('tokenscope score (local)', () => {
  it('gives every token its logprob and rank, the perplexity and the X-ray (json)', async () => {
    const r = await run(['-m', STORIES, '--threads', '1', '--top-logprobs', '3', '--format', 'json', TEXT]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Json;
    expect(
      json.tokens
        .map((t) => t.text)
        .join('')
        .trim(),
    ).toBe(TEXT);
    const known = json.tokens.filter((t) => t.logprob !== null);
    const sum = known.reduce((s, t) => s + t.logprob!, 0);
    expect(json.sumLogprob).toBeCloseTo(sum, 9);
    expect(json.perplexity).toBeCloseTo(Math.exp(-sum / known.length), 9);
    for (const t of json.tokens) if (t.rank !== null) expect(t.rank).toBeGreaterThanOrEqual(1);
    expect(json.tokens.filter((t) => t.rank === null && t.logprob !== null)).toHaveLength(json.belowTopK);
    // An unlikely word ("purple elephant") falls outside the top-3 somewhere.
    expect(json.belowTopK).toBeGreaterThan(0);
    expect(json.report.tokens).toHaveLength(json.tokenCount);
  }, 60_000);

  it('applies --fail-on-flag to JSON output too: the report is written, then exit 2', async () => {
    const r = await run(['-m', STORIES, '--threads', '1', '--format', 'json', '--fail-on-flag', TEXT]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^tokenscope: gate failed: /);
    expect((JSON.parse(r.stdout) as Json).tokenCount).toBeGreaterThan(0);
  }, 60_000);

  it('prints the headline and the ANSI X-ray; Markdown works too', async () => {
    const ansi = await run(['-m', STORIES, '--threads', '1', '--no-color', TEXT]);
    expect(ansi.code).toBe(0);
    expect(ansi.stdout).toMatch(
      /^stories260K scored \d+ tokens: sum logprob -\d+\.\d+, perplexity \d+\.\d+; the model's own pick at \d+ of \d+ tokens, \d+ outside its top-5\n/,
    );
    expect(ansi.stdout).toMatch(/Summary: /);
    const md = await run(['-m', STORIES, '--threads', '1', '--format', 'md', TEXT]);
    expect(md.stdout).toMatch(/^#/);
  }, 60_000);

  it('refuses no text, empty text, and text the model cannot tokenize', async () => {
    expect((await run(['-m', STORIES])).stderr).toMatch(/no text: pass TEXT/);
    expect((await run(['-m', STORIES, ''])).stderr).toMatch(/the text to score is empty/);
    const tiny = await run(['-m', TINY, '--threads', '1', 'issue #4']);
    expect(tiny.code).toBe(1);
    expect(tiny.stderr).toMatch(
      /^tokenscope: expected text the vocabulary of TinyStories-656K-Q8_0 can encode, got "#"/,
    );
  }, 60_000);
});
