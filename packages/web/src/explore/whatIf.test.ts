import type { TopAlternative } from '@tokenscope/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findChosen, tailSummary, whatIf } from './whatIf.js';

const alt = (text: string, p: number | null, id?: number): TopAlternative => ({
  text,
  logprob: p === null ? null : Math.log(p),
  bytes: null,
  ...(id === undefined ? {} : { id }),
});
const dist = [alt('a', 0.5), alt('b', 0.3), alt('c', 0.15), alt('d', 0.05)];

describe('whatIf', () => {
  it('at T 1 and top-p 1 keeps the known distribution (renormalised over what is known)', () => {
    const r = whatIf(dist, 1, 1);
    expect(r.rows.map((x) => x.final)).toEqual([0.5, 0.3, 0.15, 0.05].map((p) => expect.closeTo(p, 10)));
    expect(r.nucleusSize).toBe(4);
    expect(r.knownMass).toBeCloseTo(1, 10);
    const partial = whatIf([alt('a', 0.4), alt('b', 0.2)], 1, 1);
    expect(partial.rows[0]!.final).toBeCloseTo(2 / 3, 10);
    expect(partial.knownMass).toBeCloseTo(0.6, 10);
  });

  it('reshapes with temperature: p ∝ exp(logprob / T)', () => {
    const r = whatIf(dist, 0.5, 1);
    const z = 0.5 ** 2 + 0.3 ** 2 + 0.15 ** 2 + 0.05 ** 2;
    expect(r.rows[0]!.final).toBeCloseTo(0.25 / z, 10);
    expect(r.rows[3]!.final).toBeCloseTo(0.0025 / z, 10);
    const hot = whatIf(dist, 100, 1);
    for (const row of hot.rows) expect(row.final).toBeCloseTo(0.25, 1);
  });

  it('is greedy at T 0', () => {
    const r = whatIf([alt('b', 0.3), alt('a', 0.5)], 0, 1);
    expect(r.rows.map((x) => x.final)).toEqual([0, 1]);
    expect(whatIf([alt('b', 0.3), alt('a', 1 - 1e-16)], 5e-324, 1).rows.map((x) => x.final)).toEqual([0, 1]);
  });

  it('keeps the smallest set reaching top-p (the crossing token included) and renormalises over it', () => {
    const r = whatIf(dist, 1, 0.7);
    expect(r.rows.map((x) => x.inNucleus)).toEqual([true, true, false, false]);
    expect(r.rows[0]!.final).toBeCloseTo(0.5 / 0.8, 10);
    expect(r.rows[2]!.final).toBe(0);
    expect(whatIf(dist, 1, 0.8).nucleusSize).toBe(2);
    expect(whatIf(dist, 1, 0.81).nucleusSize).toBe(3);
    expect(whatIf(dist, 1, 0).nucleusSize).toBe(1);
  });

  it('keeps every known token at top-p 1, even when the tail is below rounding', () => {
    const many = Array.from({ length: 512 }, (_, i) => alt(String(i), i === 0 ? 1 - 1e-9 : 1e-9 / 511));
    expect(whatIf(many, 1, 1).nucleusSize).toBe(512);
    expect(whatIf(many, 0.5, 1).nucleusSize).toBe(512);
    expect(whatIf(many, 1, 0.99).nucleusSize).toBe(1);
  });

  it('keeps the smallest prefix (most likely first) whose mass reaches top-p; all at top-p 1 (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -40, max: 0, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0.05, max: 3, noNaN: true }),
        fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(1)),
        (lps, T, P) => {
          const r = whatIf(
            lps.map((lp, i) => ({ text: String(i), logprob: lp, bytes: null })),
            T,
            P,
          );
          if (P >= 1) {
            expect(r.nucleusSize).toBe(lps.length);
            return;
          }
          const kept = r.rows.filter((x) => x.inNucleus).map((x) => x.tempered);
          const dropped = r.rows.filter((x) => !x.inNucleus).map((x) => x.tempered);
          const keptMass = kept.reduce((s, x) => s + x, 0);
          const smallestKept = Math.min(...kept);
          for (const d of dropped) expect(d).toBeLessThanOrEqual(smallestKept);
          if (dropped.length > 0) expect(keptMass).toBeGreaterThanOrEqual(P - 1e-9);
          if (kept.length > 1) expect(keptMass - smallestKept).toBeLessThan(P + 1e-9);
        },
      ),
    );
  });

  it('gives sentinel alternatives 0 and survives bad input', () => {
    const r = whatIf([alt('a', 0.6), alt('x', null)], 1, 1);
    expect(r.rows[1]).toMatchObject({ original: null, tempered: 0, final: 0, inNucleus: false });
    expect(whatIf([], 1, 1)).toEqual({ rows: [], nucleusSize: 0, knownMass: 0 });
    const nan = whatIf(dist, Number.NaN, Number.NaN);
    expect(nan.rows[0]!.final).toBeCloseTo(0.5, 10);
  });

  it('always yields a distribution over the nucleus (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -30, max: 0, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (lps, T, P) => {
          const r = whatIf(
            lps.map((lp, i) => ({ text: String(i), logprob: lp, bytes: null })),
            T,
            P,
          );
          const sum = r.rows.reduce((s, x) => s + x.final, 0);
          expect(sum).toBeCloseTo(1, 9);
          for (const x of r.rows) {
            expect(x.final).toBeGreaterThanOrEqual(0);
            if (!x.inNucleus) expect(x.final).toBe(0);
          }
          expect(r.nucleusSize).toBeGreaterThanOrEqual(1);
        },
      ),
    );
  });
});

describe('findChosen and tailSummary', () => {
  it('finds the sampled token by id, else by text', () => {
    const alts = [alt(' a', 0.5, 7), alt(' b', 0.3, 9)];
    expect(findChosen(alts, { text: ' b' })).toBe(1);
    expect(findChosen(alts, { text: 'zzz', id: 7 })).toBe(0);
    expect(findChosen(alts, { text: 'q' })).toBe(-1);
  });
  it('summarises the tail after the rows shown', () => {
    const t = tailSummary(dist, 2, 0.95);
    expect(t.listed).toBe(2);
    expect(t.listedMass).toBeCloseTo(0.2, 10);
    expect(t.unlistedMass).toBeCloseTo(0.05, 10);
  });
});
