import { readFileSync } from 'node:fs';
import { analyze, parseResponse } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { buildLargeResponse } from './buildLargeResponse.js';

const fixture = (name: string) =>
  parseResponse(
    readFileSync(new URL(`../../../core/src/formats/__fixtures__/${name}`, import.meta.url), 'utf8'),
  );

describe('buildLargeResponse', () => {
  it('repeats real recorded answers up to exactly N tokens, text = tokens joined', () => {
    const sources = [fixture('tgi.generate.recorded.json'), fixture('openai-chat.seed003.recorded.json')];
    const big = buildLargeResponse(sources, 10_000);
    const c = big.completions[0]!;
    expect(c.tokens).toHaveLength(10_000);
    expect(c.text).toBe(c.tokens.map((t) => t.text).join(''));
    expect(c.tokens[0]).toEqual(sources[0]!.completions[0]!.tokens[0]);
    expect(analyze(big).summary.tokens).toBe(10_000);
  });

  it('shifts UTF-8 groups with their tokens and refuses empty input', () => {
    const emoji = fixture('openai-chat.split-emoji-bytes.unrecorded.json');
    const n = emoji.completions[0]!.tokens.length;
    const big = buildLargeResponse([emoji], n * 3);
    const groups = big.completions[0]!.tokens.map((t) => t.utf8Group).filter((g) => g !== undefined);
    for (const [s, e] of groups) expect(e).toBeGreaterThan(s);
    expect(groups.some(([s]) => s >= n)).toBe(true);
    expect(() => buildLargeResponse([], 10)).toThrow(/at least one/);
  });
});
