import { describe, expect, it } from 'vitest';
import { isRecord, joinPath } from './checkShape.js';

describe('isRecord', () => {
  it('is true for plain objects only', () => {
    expect(isRecord({})).toBe(true);
    expect(isRecord({ a: 1 })).toBe(true);
    expect(isRecord(Object.create(null))).toBe(true);
    for (const v of [null, undefined, [], [1], 'x', 1, true]) expect(isRecord(v)).toBe(false);
  });
});

describe('joinPath', () => {
  it('writes keys the way JavaScript does', () => {
    expect(joinPath('details', ['tokens', 3, 'text'])).toBe('details.tokens[3].text');
    expect(joinPath('(chunk 3) ', ['choices', 0])).toBe('(chunk 3) choices[0]');
    expect(joinPath('', [])).toBe('$');
  });
});
