import { describe, expect, it } from 'vitest';
import { parseTags } from './parseTags';

describe('parseTags', () => {
  it('splits on commas and spaces, lower-cases, drops #, blanks and repeats', () => {
    expect(parseTags(' Draft, #eval  draft,,gpt-4 ')).toEqual(['draft', 'eval', 'gpt-4']);
    expect(parseTags('')).toEqual([]);
    expect(parseTags(' , ')).toEqual([]);
  });

  it('caps the length and count of tags', () => {
    expect(parseTags('x'.repeat(100))[0]).toHaveLength(40);
    expect(parseTags(Array.from({ length: 30 }, (_, i) => `t${i}`).join(' '))).toHaveLength(20);
  });
});
