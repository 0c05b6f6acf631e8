import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Token } from '../model/Token.js';
import { alt, tok } from './__fixtures__/tokens.js';
import { analyzeToken } from './analyzeToken.js';
import { DEFAULT_THRESHOLDS } from './Thresholds.js';

const T = DEFAULT_THRESHOLDS;
const h = (p: number) => -p * Math.log2(p); // one term of the entropy, in bits

describe('analyzeToken: seed 003 ("Andrzej Duda", top_logprobs: 2)', () => {
  it('"And" (-0.000035; The -11.4): green, rank 1, margin near 1', () => {
    const a = analyzeToken(
      tok('And', -0.000035, [
        ['And', -0.000035],
        ['The', -11.4],
      ]),
      0,
      0,
      T,
    );
    // p = e^-0.000035 = 0.99996500061; p(The) = e^-11.4 = 1.1195e-5
    expect(a.prob).toBeCloseTo(0.99996500061, 10);
    expect(a.top.map((x) => x.prob)).toEqual([Math.exp(-0.000035), Math.exp(-11.4)]);
    // surprisal = 0.000035 / ln 2 = 5.0494e-5 bits
    expect(a.surprisal).toBeCloseTo(0.000035 / Math.LN2, 12);
    expect(a.rank).toBe(1);
    expect(a.inTopK).toBe(true);
    // margin = 0.99996500061 - 0.00001119548 = 0.99995380513
    expect(a.margin).toBeCloseTo(0.99995380513, 9);
    // topMass = 0.99996500061 + 0.00001119548 = 0.99997619609
    expect(a.topMass).toBeCloseTo(0.99997619609, 9);
    // lower bound: h(p1) + h(p2) + r log2(1/min(p2, r)), r = 1 - topMass = 2.380391e-5
    const r = 1 - (Math.exp(-0.000035) + Math.exp(-11.4));
    const lower =
      h(Math.exp(-0.000035)) + h(Math.exp(-11.4)) + r * Math.log2(1 / Math.min(Math.exp(-11.4), r));
    expect(a.entropy).toBeCloseTo(lower, 12);
    expect(a.entropyExact).toBe(false);
    expect(a.entropyUpper).toBeNull(); // no vocabulary size
    expect(a.band).toBe('green');
    expect(a.clues).toEqual([]);
    expect(a.flagged).toBe(false);
  });

  it('"uda" with two "uda" alternatives matches the one with its own logprob', () => {
    const top: Array<[string, number]> = [
      ['uda', -0.0012],
      ['uda', -7.5],
    ];
    const first = analyzeToken(tok('uda', -0.0012, top), 3, 9, T);
    expect(first.rank).toBe(1);
    // margin = e^-0.0012 - e^-7.5 = 0.99880072 - 0.00055308 = 0.99824764
    expect(first.margin).toBeCloseTo(0.99824764, 8);
    expect(first.offset).toBe(9);
    expect(first.index).toBe(3);

    // The same alternatives, but the model chose the second "uda" (p = e^-7.5 = 0.00055).
    const second = analyzeToken(tok('uda', -7.5, top), 3, 9, T);
    expect(second.rank).toBe(2);
    expect(second.inTopK).toBe(true);
    expect(second.band).toBe('red');
    expect(second.clues).toEqual(['low-confidence', 'not-top']);
  });
});

describe('analyzeToken: ranks and ties', () => {
  it('a tie with the top alternative is still rank 1 (and ambiguous)', () => {
    const lp = Math.log(0.5);
    const a = analyzeToken(
      tok('A', lp, [
        ['B', lp + 5e-10],
        ['A', lp],
      ]),
      0,
      0,
      T,
    );
    expect(a.rank).toBe(1);
    expect(a.margin).toBeCloseTo(0, 9);
    expect(a.clues).toEqual(['ambiguous']); // p = 0.5 is not < 0.1; margin 0 < 0.15
    expect(a.band).toBe('orange'); // 0.5 is not > 0.5
  });

  it('counts only alternatives strictly above the chosen one', () => {
    const a = analyzeToken(
      tok('c', Math.log(0.2), [
        ['a', Math.log(0.4)],
        ['b', Math.log(0.3)],
        ['c', Math.log(0.2)],
      ]),
      0,
      0,
      T,
    );
    expect(a.rank).toBe(3);
    expect(a.clues).toEqual(['ambiguous', 'not-top']); // margin 0.4 - 0.3 = 0.1 < 0.15
  });

  it('matches by id first, then bytes, then text', () => {
    const byId: Token = {
      text: 'x',
      bytes: null,
      id: 5,
      logprob: Math.log(0.3),
      top: [alt('x', Math.log(0.6), { id: 7 }), alt('y', Math.log(0.3), { id: 5 })],
    };
    expect(analyzeToken(byId, 0, 0, T).rank).toBe(2);

    const byBytes: Token = {
      text: 'é',
      bytes: [0xc3, 0xa9],
      logprob: Math.log(0.9),
      top: [alt('?', Math.log(0.9), { bytes: [0xc3, 0xa9] }), alt('é', Math.log(0.05), { bytes: [0x65] })],
    };
    const b = analyzeToken(byBytes, 0, 0, T);
    expect(b.rank).toBe(1);
    expect(b.inTopK).toBe(true);
  });

  it('a chosen token outside the alternatives: not-top, counted in margin, mass and entropy', () => {
    // alternatives a 0.5, b 0.3; chosen c 0.1 (sampled below the top-2)
    const a = analyzeToken(
      tok('c', Math.log(0.1), [
        ['a', Math.log(0.5)],
        ['b', Math.log(0.3)],
      ]),
      0,
      0,
      T,
    );
    expect(a.rank).toBeNull();
    expect(a.inTopK).toBe(false);
    expect(a.clues).toEqual(['not-top']); // 0.1 is not < 0.1; margin 0.5 - 0.3 = 0.2
    expect(a.margin).toBeCloseTo(0.2, 12);
    expect(a.topMass).toBeCloseTo(0.9, 12); // 0.5 + 0.3 + 0.1
    // H_rep = h(.5) + h(.3) + h(.1) = 0.5 + 0.52108968 + 0.33219281 = 1.35328249
    // r = 0.1, every unreported p <= min(0.3, 0.1) = 0.1: + 0.1 * log2(10) = 0.33219281 -> 1.68547530
    expect(a.entropy).toBeCloseTo(1.6854753, 7);
  });
});

describe('analyzeToken: sentinels and missing data', () => {
  it('a sentinel logprob: prob, surprisal and rank null, red, low-confidence and not-top', () => {
    const a = analyzeToken(
      tok(
        'zz',
        null,
        [
          ['x', -0.1],
          ['y', -2.5],
        ],
        { raw: -9999 },
      ),
      0,
      0,
      T,
    );
    expect(a.prob).toBeNull();
    expect(a.surprisal).toBeNull();
    expect(a.rank).toBeNull();
    expect(a.inTopK).toBe(false);
    expect(a.band).toBe('red');
    expect(a.clues).toEqual(['low-confidence', 'not-top']);
    expect(a.margin).toBeCloseTo(Math.exp(-0.1) - Math.exp(-2.5), 12);
    expect(a.entropy).not.toBeNull();
  });

  it('no logprob and no alternatives: entropy, rank, inTopK and margin null', () => {
    const a = analyzeToken(tok('zz', null), 0, 0, T);
    expect([a.entropy, a.entropyUpper, a.rank, a.inTopK, a.margin]).toEqual([null, null, null, null, null]);
    expect(a.topMass).toBe(0);
    expect(a.clues).toEqual(['low-confidence']);
  });

  it('no alternatives: bounds from the chosen p alone, upper bound with the vocabulary size', () => {
    // p = 0.5, r = 0.5, each unreported q <= r: lower = h(.5) + .5 log2(1/.5) = 0.5 + 0.5 = 1 bit
    // V = 3: upper = 0.5 + 0.5 * log2((3 - 1) / 0.5) = 0.5 + 0.5 * 2 = 1.5 bits (0.5, 0.25, 0.25)
    const a = analyzeToken(tok('a', Math.log(0.5)), 0, 0, T, 3);
    expect(a.inTopK).toBeNull();
    expect(a.topMass).toBeCloseTo(0.5, 12);
    expect(a.entropy).toBeCloseTo(1, 12);
    expect(a.entropyUpper).toBeCloseTo(1.5, 12);
  });

  it('uses an exact entropy in nats, converted to bits', () => {
    const a = analyzeToken(tok('a', -0.1, [['a', -0.1]], { entropy: Math.LN2 }), 0, 0, T, 50000);
    expect(a.entropy).toBeCloseTo(1, 12);
    expect(a.entropyUpper).toBeCloseTo(1, 12);
    expect(a.entropyExact).toBe(true);
  });

  it('copies rawText, bytes, special and utf8Group', () => {
    const a = analyzeToken(
      tok('', -0.2, [], { rawText: '\\xe2', bytes: [0xe2], special: false, utf8Group: [4, 6] }),
      4,
      10,
      T,
    );
    expect(a).toMatchObject({ text: '', rawText: '\\xe2', bytes: [0xe2], special: false, utf8Group: [4, 6] });
  });
});

/** A token drawn from a real distribution: k reported alternatives, the chosen token among all. */
const distributionToken = fc
  .record({
    weights: fc.array(fc.double({ min: 1e-6, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }),
    k: fc.integer({ min: 0, max: 8 }),
    pick: fc.nat(),
    sentinel: fc.boolean(),
    vocab: fc.integer({ min: 12, max: 200000 }),
  })
  .map(({ weights, k, pick, sentinel, vocab }) => {
    const total = weights.reduce((s, w) => s + w, 0);
    const probs = weights.map((w) => w / total).sort((a, b) => b - a);
    const top = probs.slice(0, k).map((p, i) => alt(`t${i}`, Math.log(p)));
    const chosen = pick % probs.length;
    const logprob = sentinel && chosen >= k ? null : Math.log(probs[chosen]!);
    return { token: tok(`t${chosen}`, logprob, [], { top }), vocab };
  });

describe('analyzeToken: properties', () => {
  it('probabilities in [0, 1], topMass <= 1, margin in [0, 1], 0 <= entropy <= upper', () => {
    fc.assert(
      fc.property(distributionToken, ({ token, vocab }) => {
        const a = analyzeToken(token, 0, 0, T, vocab);
        if (a.prob !== null) expect(a.prob).toBeGreaterThanOrEqual(0);
        if (a.prob !== null) expect(a.prob).toBeLessThanOrEqual(1);
        for (const x of a.top) expect(x.prob! >= 0 && x.prob! <= 1).toBe(true);
        expect(a.topMass).toBeLessThanOrEqual(1 + 1e-9);
        expect(a.topMass).toBeGreaterThanOrEqual(0);
        if (a.margin !== null) expect(a.margin >= 0 && a.margin <= 1).toBe(true);
        if (a.surprisal !== null) expect(a.surprisal).toBeGreaterThanOrEqual(0);
        if (a.entropy !== null) {
          expect(a.entropy).toBeGreaterThanOrEqual(-1e-12);
          expect(a.entropyUpper).not.toBeNull();
          expect(a.entropy).toBeLessThanOrEqual(a.entropyUpper! + 1e-9);
          expect(a.entropyUpper!).toBeLessThanOrEqual(Math.log2(vocab) + 1e-6);
        }
        expect(a.flagged).toBe(a.clues.length > 0);
        if (a.rank !== null) expect(a.rank).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });

  it('the lower bound never exceeds the true entropy of the distribution', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1e-6, max: 1, noNaN: true }), { minLength: 2, maxLength: 40 }),
        fc.integer({ min: 1, max: 10 }),
        (weights, k) => {
          const total = weights.reduce((s, w) => s + w, 0);
          const probs = weights.map((w) => w / total).sort((a, b) => b - a);
          const trueH = probs.reduce((s, p) => s + h(p), 0);
          const top = probs.slice(0, k).map((p, i) => alt(`t${i}`, Math.log(p)));
          const a = analyzeToken(tok('t0', Math.log(probs[0]!), [], { top }), 0, 0, T, probs.length);
          expect(a.entropy!).toBeLessThanOrEqual(trueH + 1e-9);
          expect(a.entropyUpper!).toBeGreaterThanOrEqual(trueH - 1e-9);
        },
      ),
      { numRuns: 500 },
    );
  });
});
