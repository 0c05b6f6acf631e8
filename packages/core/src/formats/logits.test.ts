import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { InvalidValueError } from '../errors/InvalidValueError.js';
import { logSoftmax } from '../math/logSoftmax.js';
import type { ParseOptions } from './FormatParser.js';
import { logits } from './logits.js';
import { parseResponse } from './parseResponse.js';
import { topIndices } from './topIndices.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

function parse(value: unknown, options?: ParseOptions) {
  const acc = logits.accumulate(options);
  acc.push(value);
  return acc.finish();
}

/** Reference log-softmax in plain code, to compare against. */
function reference(row: number[], t = 1): number[] {
  const scaled = row.map((v) => v / t);
  const max = Math.max(...scaled);
  const lse = max + Math.log(scaled.reduce((s, v) => s + Math.exp(v - max), 0));
  return scaled.map((v) => v - lse);
}

describe('logits', () => {
  const doc = JSON.parse(fixture('logits.small-vocab.unrecorded.json')) as {
    logits: number[][];
    tokens: string[];
    token_ids: number[];
    vocab: string[];
  };

  it('converts each step with log-softmax and names the chosen tokens and alternatives', () => {
    const r = parseResponse(fixture('logits.small-vocab.unrecorded.json'));
    expect(r.format).toBe('logits');
    const c = r.completions[0]!;
    expect(c.text).toBe(' The sky is blue.<eos>');
    expect(c.distribution).toBe('raw');
    expect(c.vocabSize).toBe(10);
    expect(c.topK).toBe(10);
    c.tokens.forEach((t, i) => {
      const lp = reference(doc.logits[i]!);
      expect(t.id).toBe(doc.token_ids[i]);
      expect(t.logprob).toBeCloseTo(lp[doc.token_ids[i]!]!, 12);
      expect(t.entropy).toBeCloseTo(-lp.reduce((s, v) => s + Math.exp(v) * v, 0), 12);
      expect(t.top[0]!.logprob).toBeCloseTo(Math.max(...lp), 12);
    });
    expect(c.tokens[3]!.top.slice(0, 2).map((a) => a.text)).toEqual([' blue', ' green']);
  });

  it('applies the temperature (option over document) and calls the result processed', () => {
    const c = parse({ ...doc, temperature: 2 }, { temperature: 0.5, topK: 3 }).completions[0]!;
    expect(c.distribution).toBe('processed');
    expect(c.tokens[0]!.logprob).toBeCloseTo(reference(doc.logits[0]!, 0.5)[1]!, 12);
    expect(c.tokens[0]!.top).toHaveLength(3);
    const fromDoc = parse({ ...doc, temperature: 2 }).completions[0]!;
    expect(fromDoc.tokens[0]!.logprob).toBeCloseTo(reference(doc.logits[0]!, 2)[1]!, 12);
  });

  it('finds the chosen token by its text, else takes the argmax', () => {
    const byText = parse({ logits: doc.logits, tokens: doc.tokens, vocab: doc.vocab }).completions[0]!;
    expect(byText.tokens.map((t) => t.id)).toEqual(doc.token_ids);
    const greedy = parse({ logits: [[0.1, 3, -1]] }).completions[0]!;
    expect(greedy.tokens[0]).toMatchObject({ id: 1, text: 'token_id:1' });
    expect(greedy.tokens[0]!.top.map((a) => a.text)).toEqual(['token_id:1', 'token_id:0', 'token_id:2']);
  });

  it('keeps logits of magnitude 1e4 finite', () => {
    const c = parse({ logits: [[1e4, 1e4 - 1, -1e4, -1e4]], token_ids: [1] }).completions[0]!;
    const t = c.tokens[0]!;
    expect(t.logprob).toBeCloseTo(-1 - Math.log1p(Math.exp(-1)), 9);
    expect(Number.isFinite(t.entropy)).toBe(true);
    expect(t.top.every((a) => a.logprob !== null && Number.isFinite(a.logprob))).toBe(true);
    expect(t.top[2]!.logprob).toBeCloseTo(-2e4 - Math.log1p(Math.exp(-1)), 6);
  });

  it('reports exactly the k largest, and probabilities summing to 1 over the vocabulary', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 5, maxLength: 5 }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.integer({ min: 1, max: 5 }),
        fc.double({ min: 0.1, max: 4, noNaN: true }),
        (rows, k, temperature) => {
          const c = parse({ logits: rows }, { topK: k, temperature }).completions[0]!;
          c.tokens.forEach((t, i) => {
            const lp = reference(rows[i]!, temperature);
            const expected = [...lp].sort((a, b) => b - a).slice(0, k);
            expect(t.top.map((a) => a.logprob)).toHaveLength(k);
            t.top.forEach((a, j) => {
              expect(a.logprob!).toBeCloseTo(expected[j]!, 9);
            });
            expect(lp.reduce((s, v) => s + Math.exp(v), 0)).toBeCloseTo(1, 9);
            const total = rows[i]!.reduce(
              (s, _, id) =>
                s +
                Math.exp(
                  parse({ logits: [rows[i]!], token_ids: [id] }, { temperature }).completions[0]!.tokens[0]!
                    .logprob!,
                ),
              0,
            );
            expect(total).toBeCloseTo(1, 9);
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('topIndices matches a full sort', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 40 }), fc.nat(12), (values, k) => {
        const sorted = values
          .map((v, i) => [v, i] as const)
          .sort((a, b) => b[0] - a[0] || a[1] - b[1])
          .slice(0, k)
          .map(([, i]) => i);
        expect(topIndices(values, k)).toEqual(sorted);
      }),
    );
  });

  it('picks the same top-20 as log-softmax plus a full sort on a 128k vocabulary', () => {
    const vocab = 128_000;
    const rows = Array.from({ length: 10 }, (_, s) =>
      Array.from({ length: vocab }, (_, i) => Math.sin((i + s) * 12.9898) * 10),
    );
    const c = parse({ logits: rows }).completions[0]!;
    const naive = rows.map((row) => {
      const lp = logSoftmax(row);
      return Array.from(lp.keys())
        .sort((a, b) => lp[b]! - lp[a]!)
        .slice(0, 20);
    });
    for (let step = 0; step < rows.length; step++) {
      expect(c.tokens[step]!.top.map((a) => a.id)).toEqual(naive[step]);
    }
  });

  it('rejects unequal steps, NaN logits and mismatched lengths with the path', () => {
    expect(() => parseResponse(fixture('logits.bad-unequal-steps.unrecorded.json'))).toThrow(
      'invalid value at logits[2]: every step needs the same vocabulary size: logits[0] has 10 values, logits[2] has 9',
    );
    expect(() =>
      parse({
        logits: [
          [1, 2],
          [3, Number.NaN],
        ],
      }),
    ).toThrow('invalid value at logits[1][1]: expected a logit (a number), got NaN');
    expect(() =>
      parse({
        logits: [
          [1, 2],
          [3, null],
        ],
      }),
    ).toThrow('logits[1][1]');
    expect(() => parse({ logits: [[1, 2]], tokens: ['a', 'b'] })).toThrow(
      'invalid value at tokens: has 2 entries but logits has 1 steps; they must match',
    );
    expect(() => parse({ logits: [[1, 2]], token_ids: [2] })).toThrow(
      'token_ids[0]: expected a token id in 0..1',
    );
    expect(() => parse({ logits: [[1, 2]], temperature: 0 })).toThrow(InvalidValueError);
    expect(() => logits.accumulate({ temperature: -1 })).toThrow(InvalidOptionError);
    expect(() => logits.accumulate({ topK: 1.5 })).toThrow(InvalidOptionError);
  });

  it('detects arrays of number arrays only', () => {
    expect(logits.detect(doc)).toBe(true);
    expect(logits.detect({ logits: [] })).toBe(false);
    expect(logits.detect({ logits: { content: [] } })).toBe(false);
    expect(logits.detect({ choices: [{ logprobs: {} }] })).toBe(false);
  });
});
