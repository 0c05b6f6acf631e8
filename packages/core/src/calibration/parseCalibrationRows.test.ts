import { describe, expect, it } from 'vitest';
import { EmptyInputError, InvalidRowError, parseCalibrationRows } from '../index.js';

describe('parseCalibrationRows', () => {
  it('reads confidence, logprob and logprobs rows; correct as boolean or 0/1', () => {
    const text = [
      '{"confidence": 0.8, "correct": true, "id": "q1"}',
      '',
      '{"logprob": -0.5, "correct": 0}',
      '{"logprobs": [-0.1, -0.3], "correct": 1}',
      '{"logprobs": [{"token": "Par", "logprob": -0.2}, {"token": "is", "logprob": 0}], "correct": false}',
    ].join('\n');
    const rows = parseCalibrationRows(text);
    expect(rows.map((r) => r.correct)).toEqual([true, false, true, false]);
    expect(rows[0]!.confidence).toBe(0.8);
    expect(rows[1]!.confidence).toBeCloseTo(Math.exp(-0.5), 15);
    // mean (default): exp((-0.1 - 0.3) / 2) = exp(-0.2)
    expect(rows[2]!.confidence).toBeCloseTo(Math.exp(-0.2), 15);
    expect(rows[3]!.confidence).toBeCloseTo(Math.exp(-0.1), 15);
  });

  it('derives a confidence from token logprobs by sum, mean or min', () => {
    const line = '{"logprobs": [-0.1, -0.3, -0.2], "correct": true}';
    expect(parseCalibrationRows(line, { derive: 'sum' })[0]!.confidence).toBeCloseTo(Math.exp(-0.6), 15);
    expect(parseCalibrationRows(line, { derive: 'mean' })[0]!.confidence).toBeCloseTo(Math.exp(-0.2), 15);
    expect(parseCalibrationRows(line, { derive: 'min' })[0]!.confidence).toBeCloseTo(Math.exp(-0.3), 15);
  });

  it.each([
    ['{"confidence": 0.8, "correct": true}\n{"confidence": 0.8', 2, null, /line 2: not valid JSON/],
    ['[1, 2]', 1, null, /line 1: expected a JSON object/],
    ['{"correct": true}', 1, 'confidence', /line 1, field "confidence": missing/],
    ['{"confidence": 1.2, "correct": true}', 1, 'confidence', /expected a probability in 0\.\.1, got 1\.2/],
    ['{"confidence": "0.5", "correct": true}', 1, 'confidence', /got "0\.5"/],
    ['{"confidence": 0.5, "logprob": -1, "correct": true}', 1, 'logprob', /give only one of/],
    ['{"logprob": 0.3, "correct": true}', 1, 'logprob', /expected a natural-log probability <= 0, got 0\.3/],
    ['{"logprobs": [], "correct": true}', 1, 'logprobs', /non-empty array/],
    ['{"logprobs": [-1, null], "correct": true}', 1, 'logprobs[1]', /below the reported top-k/],
    ['{"confidence": 0.5}', 1, 'correct', /line 1, field "correct": missing/],
    [
      '\n\n{"confidence": 0.5, "correct": "yes"}',
      3,
      'correct',
      /line 3, field "correct": expected true\/false or 1\/0, got "yes"/,
    ],
  ])('rejects %j naming the line and field', (text, line, field, message) => {
    let error: unknown;
    try {
      parseCalibrationRows(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidRowError);
    expect(error).toMatchObject({ line, field, code: 'invalid_row' });
    expect((error as Error).message).toMatch(message);
  });

  it('rejects an input with no rows', () => {
    expect(() => parseCalibrationRows('')).toThrow(EmptyInputError);
    expect(() => parseCalibrationRows('\n  \n')).toThrow(/input is empty/);
  });
});
