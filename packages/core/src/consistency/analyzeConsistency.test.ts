import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { analyzeConsistency } from './analyzeConsistency.js';
import { normalizeAnswer } from './normalizeAnswer.js';

const cost = { requests: 5 };
const texts = (...t: string[]) => t.map((text) => ({ text }));

describe('normalizeAnswer', () => {
  it('ignores case, quotes, trailing punctuation, spacing and thousands separators', () => {
    expect(normalizeAnswer('  "Paris."  ')).toBe('paris');
    expect(normalizeAnswer('**Positive**')).toBe('positive');
    expect(normalizeAnswer('1,000 km')).toBe(normalizeAnswer('1000  km'));
    expect(normalizeAnswer('Paris')).not.toBe(normalizeAnswer('Lyon'));
  });
});

describe('analyzeConsistency', () => {
  it('short answers: the most common normalised answer, its share as the confidence', () => {
    const a = analyzeConsistency(texts('Paris.', 'paris', 'Lyon', ' Paris', 'Marseille'), {
      temperature: 0.7,
      cost,
    });
    expect(a.mode).toBe('short');
    expect(a.text).toBe('Paris.');
    expect(a.chosen).toBe(0);
    expect(a.agreement).toBeCloseTo(0.6);
    expect(a.band).toBe('yellow');
    expect(a.answers.map((x) => [x.answer, x.count])).toEqual([
      ['paris', 3],
      ['lyon', 1],
      ['marseille', 1],
    ]);
    expect(a.sentences).toHaveLength(1);
    expect(a.sentences[0]).toMatchObject({ text: 'Paris.', support: 3 });
  });

  it('shows the majority answer even when the first sample is the odd one out', () => {
    const a = analyzeConsistency(texts('negative', 'positive', 'Positive', 'positive.'), {
      temperature: 1,
      cost: { requests: 4 },
      mode: 'short',
    });
    expect(a.chosen).toBe(1);
    expect(a.agreement).toBe(0.75);
    expect(a.band).toBe('lime');
  });

  it('all samples agreeing is green; all different is red at 1/N', () => {
    expect(analyzeConsistency(texts('4', '4', '4', '4', '4'), { temperature: 0.7, cost }).band).toBe('green');
    const spread = analyzeConsistency(texts('1', '2', '3', '4', '5'), { temperature: 0.7, cost });
    expect(spread.agreement).toBeCloseTo(0.2);
    expect(spread.band).toBe('red');
  });

  it('long answers: a sentence is supported only where the samples say it with the same facts', () => {
    const shown =
      'The Eiffel Tower was completed in 1889. It is 330 metres tall. It was built for the World Fair.';
    const a = analyzeConsistency(
      texts(
        shown,
        'The Eiffel Tower was completed in 1889 for the fair. It is about 330 metres tall.',
        'Completed in 1889, the Eiffel Tower is 300 metres tall. It was built for the World Fair.',
        'The Eiffel Tower was completed in 1887. It is 330 metres tall today.',
      ),
      // The first answer judged by the others (without it, the best-carried sample would be shown).
      { temperature: 0.8, cost: { requests: 4 }, reference: true },
    );
    expect(a.mode).toBe('long');
    expect(a.chosen).toBe(0);
    expect(a.sentences.map((s) => [s.text, s.support])).toEqual([
      ['The Eiffel Tower was completed in 1889.', 3],
      ['It is 330 metres tall.', 3],
      ['It was built for the World Fair.', 2],
    ]);
    expect(a.minAgreement).toBe(0.5);
    expect(a.agreement).toBeCloseTo((0.75 + 0.75 + 0.5) / 3);
    const year = a.facts.find((f) => f.text === '1889');
    expect(year).toMatchObject({ support: 3, agreement: 0.75 });
    // "1889" is not carried by a sample that says "18890" or "1887".
    expect(
      a.facts.every((f) => f.charEnd > f.charStart && shown.slice(f.charStart, f.charEnd) === f.text),
    ).toBe(true);
  });

  it('long answers: shows the sample the others carry best, not the first (the odd one out)', () => {
    const shown = 'The bridge opened in 1937. It is 2737 metres long.';
    const samples = texts(
      'The bridge opened in 1932. It cost 4 million dollars.',
      shown,
      'The bridge opened in 1937. It is 2,737 metres long.',
      'The bridge opened in 1937. It is 2737 metres long and red.',
    );
    const a = analyzeConsistency(samples, { temperature: 0.8, cost });
    expect(a.mode).toBe('long');
    expect(a.chosen).toBe(1);
    expect(a.text).toBe(shown);
    expect(a.sentences.map((s) => s.support)).toEqual([3, 3]);
    // The first sample as the shown answer is carried by nobody else.
    const first = analyzeConsistency(samples, { temperature: 0.8, cost, reference: true });
    expect(first.chosen).toBe(0);
    expect(first.agreement).toBeLessThan(a.agreement);
    expect(first.sentences.map((s) => s.support)).toEqual([1, 1]);
  });

  it('needs at least two samples', () => {
    expect(() => analyzeConsistency(texts('Paris'), { temperature: 0.7, cost })).toThrow(InvalidOptionError);
    expect(() => analyzeConsistency([], { temperature: 0.7, cost })).toThrow(
      /at least 2 samples to compare; got 0/,
    );
  });

  it('records the samples, temperature and cost with the result', () => {
    const a = analyzeConsistency(
      [
        { text: 'yes', finishReason: 'stop' },
        { text: 'no', finishReason: 'length' },
      ],
      { temperature: 0.9, cost: { requests: 2, completionTokens: 3, ms: 40 } },
    );
    expect(a).toMatchObject({
      method: 'sampling',
      temperature: 0.9,
      cost: { requests: 2, completionTokens: 3 },
    });
    expect(a.samples[1]).toEqual({ text: 'no', finishReason: 'length' });
  });
});
