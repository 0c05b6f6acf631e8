import { describe, expect, it } from 'vitest';
import { analyze, parseResponse } from '../packages/core/src/index.js';
// @ts-expect-error: plain .js bench modules without type declarations
import { makeChatSse, makeLogitsDocument } from './core.js';
// @ts-expect-error: plain .js bench modules without type declarations
import { formatRate, formatTable, median } from './stats.js';

describe('bench helpers', () => {
  it('takes medians of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('formats rates and aligns tables', () => {
    expect([formatRate(1234.5), formatRate(12.34), formatRate(1.234)]).toEqual(['1,235', '12.3', '1.23']);
    expect(
      formatTable(
        ['what', 'rate'],
        [
          ['a', '1,234'],
          ['bb', '5'],
        ],
      ).split('\n'),
    ).toEqual(['what  rate ', '----  -----', 'a     1,234', 'bb        5']);
  });

  it('generates inputs the core parses completely', () => {
    const chat = analyze(parseResponse(makeChatSse(50, 5)));
    expect(chat.tokens).toHaveLength(50);
    const logits = parseResponse(makeLogitsDocument(3, 1000), { from: 'logits' });
    expect(logits.completions[0]?.tokens).toHaveLength(3);
    expect(logits.completions[0]?.tokens[0]?.top).toHaveLength(20);
  });
});
