import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import type { Token } from '../model/Token.js';
import {
  buildClassifyPrompt,
  classifyExact,
  classifyFromTopLogprobs,
  parseClassifyRows,
  renderClassificationText,
  summarizeClassifications,
} from './index.js';

const LABELS = ['billing', 'bug report', 'feature request', 'account access'];

describe('classifyExact', () => {
  it('normalises raw label probabilities: 0.3, 0.1, 0.05, 0.05 → 0.6, 0.2, 0.1, 0.1', () => {
    const scores = [0.3, 0.1, 0.05, 0.05].map((p) => ({ sumLogprob: Math.log(p), tokenCount: 2 }));
    const c = classifyExact(LABELS, scores);
    expect(c.labels.map((l) => l.probability)).toEqual(
      [0.6, 0.2, 0.1, 0.1].map((p) => expect.closeTo(p, 12)),
    );
    expect(c.labels[0]!.rawProbability).toBeCloseTo(0.3, 12);
    expect(c.labelMass).toBeCloseTo(0.5, 12);
    // margin = 0.6 - 0.2 = 0.4 >= 0.2: decided.
    expect(c).toMatchObject({
      top: 'billing',
      runnerUp: 'bug report',
      abstain: false,
      label: 'billing',
      method: 'exact',
    });
    expect(c.margin).toBeCloseTo(0.4, 12);
    expect(renderClassificationText(c)).toMatch(/LABEL: billing/);
  });

  it('abstains when the top two are closer than the minimum margin', () => {
    // 0.2 vs 0.18 of a 0.4 mass: 0.5 vs 0.45, margin 0.05.
    const scores = [0.2, 0.18, 0.01, 0.01].map((p) => ({ sumLogprob: Math.log(p), tokenCount: 1 }));
    const c = classifyExact(LABELS, scores, { minMargin: 0.1 });
    expect(c.margin).toBeCloseTo(0.05, 12);
    expect(c).toMatchObject({ abstain: true, label: null, top: 'billing' });
    expect(renderClassificationText(c)).toMatch(/ABSTAIN: margin 0\.050/);
    expect(classifyExact(LABELS, scores, { minMargin: 0 }).abstain).toBe(false);
  });

  it('sums to 1 for any scores, tiny ones included (no underflow to 0/0)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -5000, max: 0, noNaN: true }), { minLength: 2, maxLength: 12 }),
        (logs) => {
          const labels = logs.map((_, i) => `label ${i}`);
          const c = classifyExact(
            labels,
            logs.map((sumLogprob) => ({ sumLogprob, tokenCount: 1 })),
          );
          const total = c.labels.reduce((s, l) => s + l.probability, 0);
          expect(Math.abs(total - 1)).toBeLessThan(1e-9);
          for (const l of c.labels) expect(l.probability).toBeGreaterThanOrEqual(0);
          expect(c.margin).toBeGreaterThanOrEqual(0);
          expect(c.margin).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('rejects empty, duplicate and single labels, a score count that does not match, a bad margin', () => {
    const two = [
      { sumLogprob: -1, tokenCount: 1 },
      { sumLogprob: -2, tokenCount: 1 },
    ];
    expect(() => classifyExact(['a', ' '], two)).toThrow(/empty one at position 2/);
    expect(() => classifyExact(['a', 'a '], two)).toThrow(/"a" twice/);
    expect(() => classifyExact(['a'], two.slice(0, 1))).toThrow(/at least 2 labels, got 1/);
    expect(() => classifyExact([], [])).toThrow(InvalidOptionError);
    expect(() => classifyExact(['a', 'b', 'c'], two)).toThrow(/one score per label/);
    expect(() => classifyExact(['a', 'b'], two, { minMargin: 1.5 })).toThrow(/min margin/);
  });
});

function firstToken(top: Array<[string, number]>): Token {
  return {
    text: top[0]![0],
    bytes: null,
    logprob: Math.log(top[0]![1]),
    top: top.map(([text, p]) => ({ text, logprob: Math.log(p), bytes: null })),
  };
}

describe('classifyFromTopLogprobs', () => {
  const labels = ['billing', 'bug report', 'feature request', 'account access', 'account deletion'];
  // Top-5 mass 0.85: unaccounted 0.15. " The" and " " start no label: off-label 0.15.
  const token = firstToken([
    [' bill', 0.4],
    [' bug', 0.2],
    [' account', 0.1],
    [' The', 0.1],
    [' ', 0.05],
  ]);

  it('estimates labels from their first tokens, with the unaccounted mass, bounds and ambiguity', () => {
    const c = classifyFromTopLogprobs(labels, token);
    const by = Object.fromEntries(c.labels.map((l) => [l.label, l]));
    expect(c.method).toBe('first-token');
    expect(c.unaccountedMass).toBeCloseTo(0.15, 12);
    expect(c.offLabelMass).toBeCloseTo(0.15, 12);
    // Label mass 0.4 + 0.2 + 0.1 (shared) = 0.7.
    expect(c.labelMass).toBeCloseTo(0.7, 12);
    expect(by.billing).toMatchObject({ status: 'in-top-k', rawProbability: expect.closeTo(0.4, 12) });
    expect(by.billing!.probability).toBeCloseTo(0.4 / 0.7, 12);
    expect(by['feature request']).toMatchObject({ status: 'below-top-k', rawProbability: 0, logprob: null });
    expect(by['feature request']!.bounds.upper).toBeCloseTo(0.15, 12);
    expect(by['account access']).toMatchObject({
      status: 'ambiguous',
      sharesFirstTokenWith: ['account deletion'],
    });
    expect(by['account access']!.rawProbability).toBeCloseTo(0.05, 12);
    // Upper bound: the whole shared token (0.1) plus the unaccounted mass (0.15).
    expect(by['account access']!.bounds).toEqual({ lower: 0, upper: expect.closeTo(0.25, 12) });
    expect(c.labels.reduce((s, l) => s + l.probability, 0)).toBeCloseTo(1, 12);
    expect(c.margin).toBeCloseTo(0.2 / 0.7, 12);
    expect(c.notes.join('\n')).toMatch(/"feature request".*unaccounted/);
    expect(c.notes.join('\n')).toMatch(/share a first token/);
  });

  it('matches case-insensitively when asked, and abstains when no label is in the top-k', () => {
    const upper = firstToken([
      ['Billing', 0.6],
      ['Bug', 0.3],
    ]);
    expect(classifyFromTopLogprobs(labels, upper).labelMass).toBe(0);
    expect(classifyFromTopLogprobs(labels, upper)).toMatchObject({ abstain: true, label: null });
    expect(classifyFromTopLogprobs(labels, upper, { ignoreCase: true })).toMatchObject({ label: 'billing' });
  });

  it('adds the chosen token when the top list leaves it out', () => {
    const t: Token = {
      text: ' bug',
      bytes: null,
      logprob: Math.log(0.5),
      top: [{ text: ' bill', logprob: Math.log(0.3), bytes: null }],
    };
    const c = classifyFromTopLogprobs(labels, t);
    expect(c.top).toBe('bug report');
    expect(c.unaccountedMass).toBeCloseTo(0.2, 12);
  });
});

describe('buildClassifyPrompt and summarizeClassifications', () => {
  it('fills the template and refuses one without {text}', () => {
    expect(buildClassifyPrompt('{labels}|{text}', 'hi', ['a', 'b'])).toBe('a, b|hi');
    expect(() => buildClassifyPrompt('no slot', 'hi', ['a', 'b'])).toThrow(/\{text\}/);
  });

  it('counts accuracy over labelled rows and over decided rows', () => {
    const sure = classifyExact(
      ['a', 'b'],
      [
        { sumLogprob: -0.1, tokenCount: 1 },
        { sumLogprob: -5, tokenCount: 1 },
      ],
    );
    const unsure = classifyExact(
      ['a', 'b'],
      [
        { sumLogprob: -1, tokenCount: 1 },
        { sumLogprob: -1.01, tokenCount: 1 },
      ],
    );
    const s = summarizeClassifications([
      { classification: sure, gold: 'a' },
      { classification: sure, gold: 'b' },
      { classification: unsure, gold: 'a' },
      { classification: unsure },
    ]);
    expect(s).toMatchObject({
      rows: 4,
      abstained: 2,
      labelled: 3,
      correctTop: 2,
      decided: 2,
      correctDecided: 1,
    });
    expect(s.accuracy).toBeCloseTo(2 / 3, 12);
    expect(s.decidedAccuracy).toBe(0.5);
  });
});

describe('parseClassifyRows', () => {
  it('reads text, id and gold label; skips blank lines', () => {
    const rows = parseClassifyRows('{"text":"a","id":1,"label":" billing "}\n\n{"text":"b"}\n');
    expect(rows).toEqual([
      { line: 1, text: 'a', id: 1, label: 'billing' },
      { line: 3, text: 'b' },
    ]);
  });

  it('names the line and field of a bad row', () => {
    expect(() => parseClassifyRows('{"text":"a"}\nnot json')).toThrow(/line 2: .*not JSON/);
    expect(() => parseClassifyRows('{"txt":"a"}')).toThrow(/line 1, field "text"/);
    expect(() => parseClassifyRows('{"text":"a","label":3}')).toThrow(/field "label"/);
    expect(() => parseClassifyRows('[1]')).toThrow(/JSON object/);
  });
});
