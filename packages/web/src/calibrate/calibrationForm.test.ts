import { describe, expect, it } from 'vitest';
import { DEFAULT_FORM, readForm } from './calibrationForm';

describe('readForm', () => {
  it('turns the defaults into core options (percent → share)', () => {
    expect(readForm(DEFAULT_FORM)).toEqual({
      options: { bins: 10, bootstrap: 1000, seed: 1, budget: 0.12, catch: 0.8 },
      errors: null,
    });
  });
  it('reads a split and leaves out empty budget and catch', () => {
    expect(readForm({ ...DEFAULT_FORM, split: '50', budget: '', catchTarget: ' ' }).options).toEqual({
      bins: 10,
      bootstrap: 1000,
      seed: 1,
      split: 0.5,
    });
  });
  it('names every wrong field', () => {
    const r = readForm({
      ...DEFAULT_FORM,
      bins: '0',
      bootstrap: '20000',
      seed: '1.5',
      split: '100',
      budget: '-1',
      catchTarget: 'lots',
    });
    expect(r.options).toBeNull();
    expect(Object.keys(r.errors ?? {}).sort()).toEqual([
      'bins',
      'bootstrap',
      'budget',
      'catchTarget',
      'seed',
      'split',
    ]);
    expect(r.errors?.bootstrap).toMatch(/0 \(no interval\) to 10000/);
  });
});
