import {
  type Classification,
  classifyExact,
  classifyFromSamples,
  DEFAULT_CLASSIFY_TEMPLATE,
} from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { decisionText, emptyClassifyForm, labelBars, toClassifyBody } from './classifyForm';

const target = { kind: 'local', model: 'stories260K' } as const;

describe('the classify form', () => {
  it('builds the body from the typed fields, trimming labels and dropping blank ones', () => {
    const form = { ...emptyClassifyForm(), text: 'hi', labels: [' a ', '', 'b'], minMargin: '0.3' };
    const check = toClassifyBody(form, target);
    expect(check).toEqual({ ok: true, body: { target, text: 'hi', labels: ['a', 'b'], minMargin: 0.3 } });
  });

  it('sends the template only when it differs from the default', () => {
    const form = { ...emptyClassifyForm(), text: 'x', template: 'T: {text} ->' };
    const check = toClassifyBody(form, target);
    expect(check.ok && check.body.template).toBe('T: {text} ->');
    expect(emptyClassifyForm().template).toBe(DEFAULT_CLASSIFY_TEMPLATE);
  });

  it('says what to fix, per field', () => {
    const check = toClassifyBody(
      { text: ' ', labels: ['a', 'a'], template: 'no placeholder', minMargin: '1.5' },
      target,
    );
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(Object.keys(check.errors).sort()).toEqual(['labels', 'minMargin', 'template', 'text']);
    expect(check.errors.labels).toMatch(/“a” is given twice/);
    const one = toClassifyBody({ ...emptyClassifyForm(), text: 'x', labels: ['only', ' '] }, target);
    expect(!one.ok && one.errors.labels).toMatch(/at least two/);
  });
});

describe('the classification bars', () => {
  const c: Classification = classifyExact(
    ['billing', 'bug report', 'other'],
    [
      { sumLogprob: Math.log(0.02), tokenCount: 1 },
      { sumLogprob: Math.log(0.06), tokenCount: 2 },
      { sumLogprob: Math.log(0.00002), tokenCount: 1 },
    ],
    { minMargin: 0.2 },
  );

  it('lists the labels most probable first, with percentages that sum to 100 %', () => {
    const bars = labelBars(c);
    expect(bars.map((b) => b.label)).toEqual(['bug report', 'billing', 'other']);
    expect(bars[0]!.top).toBe(true);
    expect(bars.reduce((s, b) => s + b.probability, 0)).toBeCloseTo(1, 12);
    expect(bars[0]).toMatchObject({ percent: '75.0 %', raw: '6.0 %', status: 'exact · 2 tokens' });
    expect(bars[2]!.raw).toBe('2.00e-5'); // tiny raw probabilities stay readable
  });

  it('says the decision, or that it abstains and why', () => {
    expect(decisionText(c)).toMatch(/^bug report, by a margin of 50.0 % over billing/);
    const close = classifyExact(
      ['a', 'b'],
      [
        { sumLogprob: Math.log(0.5), tokenCount: 1 },
        { sumLogprob: Math.log(0.45), tokenCount: 1 },
      ],
      { minMargin: 0.2 },
    );
    expect(decisionText(close)).toMatch(/^Abstain: route to a human\. The top two \(a, b\) are 5\.3 % apart/);
  });
});

describe('labelBars of a sampling classification', () => {
  it('says how many sampled answers are each label', () => {
    const c = classifyFromSamples(['yes', 'no'], [{ text: 'Yes.' }, { text: 'no' }, { text: 'yes' }], {
      temperature: 0.7,
      cost: { requests: 3 },
    });
    expect(labelBars(c).map((b) => [b.label, b.status])).toEqual([
      ['yes', '2 of 3 sampled answers'],
      ['no', '1 of 3 sampled answers'],
    ]);
  });
});
