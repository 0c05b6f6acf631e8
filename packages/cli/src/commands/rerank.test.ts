import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLocal, MODELS_DIR } from '../../../local/test/buildLocal.js';
import { runMain } from '../../test/memoryIo.js';

const STORIES = join(MODELS_DIR, 'stories260K.gguf');
const PROMPT = 'Lily went to the park with her';

const run = (args: string[]) => runMain(['rerank', ...args]);

interface Json {
  candidates: Array<{
    text: string;
    sumLogprob: number;
    meanLogprob: number;
    normalizedLogprob: number;
    tokenCount: number;
  }>;
  rankings: { total: number[]; mean: number[]; normalized: number[] };
  alpha: number;
}

beforeAll(() => buildLocal(), 180_000);

describe('tokenscope rerank (local, exact)', () => {
  it('scores each candidate: total, mean, sum / len^alpha, and the rankings', async () => {
    const r = await run([
      '-m',
      STORIES,
      '--threads',
      '1',
      '--prompt',
      PROMPT,
      '--format',
      'json',
      '--alpha',
      '0.5',
      'mom',
      'big red ball',
      'dog',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Json;
    expect(json.alpha).toBe(0.5);
    for (const c of json.candidates) {
      expect(c.sumLogprob).toBeLessThan(0);
      expect(c.meanLogprob).toBeCloseTo(c.sumLogprob / c.tokenCount, 10);
      expect(c.normalizedLogprob).toBeCloseTo(c.sumLogprob / Math.sqrt(c.tokenCount), 10);
    }
    const byTotal = [...json.candidates.keys()].sort(
      (a, b) => json.candidates[b]!.sumLogprob - json.candidates[a]!.sumLogprob,
    );
    expect(json.rankings.total).toEqual(byTotal);
    expect(json.candidates.find((c) => c.text === 'big red ball')!.tokenCount).toBeGreaterThan(1);
  }, 60_000);

  it('prints a table best first', async () => {
    const r = await run(['-m', STORIES, '--threads', '1', '--prompt', PROMPT, 'mom', 'dog']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^candidate +tokens +total +mean +\/len\^0\.6/m);
    expect(r.stdout).toMatch(/best (under every score|: total)/);
  }, 60_000);

  it.each([
    [['--prompt', 'P'], /no candidates/],
    [['--prompt', 'P', 'a', 'a'], /"a" is given twice/],
    [['--prompt', 'P', '--alpha', '3', 'a'], /--alpha.*0\.\.2/],
    [['a', 'b'], /--prompt/],
    [['--prompt', 'P', '--candidates-file', '/nonexistent'], /cannot read \/nonexistent: no such file/],
  ])(
    'refuses %j on one line',
    async (args, message) => {
      const r = await run(['-m', STORIES, '--threads', '1', ...args]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    },
    60_000,
  );
});
