import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FORMAT_IDS } from '../model/Completion.js';
import { parseResponse } from './parseResponse.js';

/**
 * Every fixture `<format>.<what>.<provenance>.<ext>` whose name has no `.bad-` parses through detection
 * as the format its name starts with, and the result keeps the data model's promises.
 */
const dir = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const fixtures = readdirSync(dir).filter((name) => /\.(json|jsonl|sse\.txt)$/.test(name));
const good = fixtures.filter((name) => !name.includes('.bad-'));

describe('fixture names', () => {
  it.each(fixtures)('%s is <format>.<what>.<recorded|unrecorded>.<ext>', (name) => {
    const match = /^([a-z0-9-]+)\.([a-z0-9-]+)\.(recorded|unrecorded)\.(json|jsonl|sse\.txt)$/.exec(name);
    expect(match, name).not.toBeNull();
    expect(FORMAT_IDS).toContain(match![1]);
  });
});

describe('conformance of every good fixture', () => {
  it('has fixtures', () => expect(good.length).toBeGreaterThan(10));

  it.each(good)('%s', (name) => {
    const format = name.slice(0, name.indexOf('.'));
    const response = parseResponse(readFileSync(dir + name, 'utf8'));
    expect(response.format).toBe(format);
    expect(response.completions.length).toBeGreaterThan(0);
    for (const completion of response.completions) {
      expect(completion.text).toBe(completion.tokens.map((t) => t.text).join(''));
      const all = [...completion.tokens, ...(completion.prompt ?? [])];
      expect(all.length).toBeGreaterThan(0);
      let topK = 0;
      for (const token of completion.tokens) topK = Math.max(topK, token.top.length);
      expect(completion.topK).toBe(topK);
      for (const token of all) {
        for (const value of [token.logprob, ...token.top.map((a) => a.logprob)]) {
          if (value !== null) {
            expect(Number.isFinite(value)).toBe(true);
            expect(value).toBeLessThanOrEqual(0);
          }
        }
        const values = token.top.map((a) => a.logprob ?? Number.NEGATIVE_INFINITY);
        expect(values).toEqual([...values].sort((a, b) => b - a));
      }
      expect(['raw', 'processed', 'unknown']).toContain(completion.distribution);
    }
  });
});
