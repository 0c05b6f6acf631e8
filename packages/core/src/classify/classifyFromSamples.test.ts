import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { classifyFromSamples } from './classifyFromSamples.js';
import { renderClassificationText } from './renderClassification.js';

const labels = ['billing', 'bug report', 'feature request'];
const at = { temperature: 0.7, cost: { requests: 5, completionTokens: 10, ms: 1200 } };
const texts = (...t: string[]) => t.map((text) => ({ text }));

describe('classifyFromSamples', () => {
  it("a label's agreement (share of the samples, after normalisation, first line to its first sentence end) is its probability", () => {
    const r = classifyFromSamples(
      labels,
      texts(
        'Billing.',
        ' billing\nText: more',
        '"Bug report"',
        'billing. The customer paid twice',
        'I think so',
      ),
      at,
    );
    expect(r.method).toBe('sampling');
    expect(r.labels.map((l) => [l.label, l.samples, l.probability])).toEqual([
      ['billing', 3, 0.6],
      ['bug report', 1, 0.2],
      ['feature request', 0, 0],
    ]);
    expect(r.labels.every((l) => l.status === 'sampled')).toBe(true);
    expect(r.top).toBe('billing');
    expect(r.margin).toBeCloseTo(0.4);
    expect(r.abstain).toBe(false);
    expect(r.label).toBe('billing');
    expect(r.labelMass).toBeCloseTo(0.8);
    expect(r.offLabelMass).toBeCloseTo(0.2);
    expect(r.notes.join('\n')).toMatch(/1 of 5 answers are no label \(e\.g\. "I think so"\)/);
    expect(r.sampling?.samples).toHaveLength(5);
    expect(r.sampling?.answers[0]).toMatchObject({ answer: 'billing', count: 3 });
  });

  it('abstains when the top two agreements are within the margin, and when no answer is a label', () => {
    const close = classifyFromSamples(labels, texts('billing', 'bug report', 'billing', 'bug report'), {
      ...at,
      minMargin: 0.2,
    });
    expect(close.abstain).toBe(true);
    expect(close.label).toBeNull();
    const none = classifyFromSamples(labels, texts('the cat', 'a dog'), at);
    expect(none).toMatchObject({ abstain: true, label: null, labelMass: 0, offLabelMass: 1 });
    expect(none.notes.at(-1)).toMatch(/no sampled answer is a label/);
  });

  it('needs two samples', () => {
    expect(() => classifyFromSamples(labels, texts('billing'), at)).toThrow(InvalidOptionError);
  });

  it('renders agreements with the sampling label and the disclaimer', () => {
    const r = classifyFromSamples(labels, texts('billing', 'billing', 'bug report', 'billing', 'x'), at);
    const text = renderClassificationText(r, { title: 'model: sampling' });
    expect(text).toContain(
      'Confidence: sampling-based confidence: 5 samples at temperature 0.7, agreement of the answers; 5 requests, 10 tokens, 1.2 s',
    );
    expect(text).toMatch(/▶\s+billing\s+60\.0 %\s+3\/5/);
    expect(text).toContain('LABEL: billing: margin 0.400');
    expect(text).toMatch(/not whether it is true/);
  });
});
