import { describe, expect, it } from 'vitest';
import { analyzed, tokensOf } from './__fixtures__/tokens.js';
import { findCriticalFacts } from './findCriticalFacts.js';

const factsOf = (text: string) => findCriticalFacts(text, tokensOf(text)).map((f) => `${f.kind}:${f.text}`);

describe('findCriticalFacts', () => {
  it.each([
    [
      'Dr. Smith paid $1,200.50 on May 1, 2024 at https://x.io/a.',
      ['name:Dr. Smith', 'number:$1,200.50', 'date:May 1, 2024', 'url:https://x.io/a'],
    ],
    ['Visit www.example.com, or mail a@b.co.', ['url:www.example.com', 'email:a@b.co']],
    ['Andrzej Duda', ['name:Andrzej Duda']],
    ['As of October 2023, the answer is Andrzej Duda.', ['date:October 2023', 'name:Andrzej Duda']],
    ['We flew to New York City on 2024-05-01.', ['name:New York City', 'date:2024-05-01']],
    ['Due 01/05/2024 or 1 May 2024 or May 1st.', ['date:01/05/2024', 'date:1 May 2024', 'date:May 1st']],
    ['It was built in 1889 and has 1889 steps.', ['date:1889', 'number:1889']],
    ['Add 3.5 kg, 45% and -2 or $3M.', ['number:3.5', 'number:45%', 'number:-2', 'number:$3M']],
    ['There are 3,000,000 ants and 12 bees.', ['number:3,000,000', 'number:12']],
    ['See https://en.wikipedia.org/wiki/Foo_(bar)).', ['url:https://en.wikipedia.org/wiki/Foo_(bar)']],
    ['Posted at https://site.com/2024/05/01/post today.', ['url:https://site.com/2024/05/01/post']],
    ['Write to first.last+tag@mail.example.org!', ['email:first.last+tag@mail.example.org']],
    ['Yesterday I met Anna. Paris is big.', ['name:Anna']], // one sentence-initial word is no name
    ['The Eiffel Tower is in Paris.', ['name:Eiffel Tower', 'name:Paris']], // "The" dropped
    [
      "John F. Kennedy and J. R. R. Tolkien met O'Brien.",
      ['name:John F. Kennedy', 'name:J. R. R. Tolkien', "name:O'Brien"],
    ],
    ['It rained in March. On Monday, A and I left.', []], // calendar words, single letters
    ['1. First item\n2. Second item', ['number:1', 'number:2']],
    ['The model GPT-4 scored 86.4 on MMLU.', ['name:GPT', 'number:86.4', 'name:MMLU']],
    ['no facts here', []],
  ])('%j', (text, expected) => {
    expect(factsOf(text)).toEqual(expected);
  });

  it('gives each fact the confidence of the tokens overlapping it', () => {
    // "Paid $" (-0.1), "1" (-2.5), ",200" (-0.4), " today" (-0.1)
    const tokens = analyzed([
      ['Paid $', -0.1],
      ['1', -2.5],
      [',200', -0.4],
      [' today', -0.1],
    ]);
    const [fact] = findCriticalFacts('Paid $1,200 today', tokens);
    expect(fact).toMatchObject({
      kind: 'number',
      text: '$1,200',
      start: 0,
      end: 3,
      charStart: 5,
      charEnd: 11,
    });
    expect(fact!.minProb).toBeCloseTo(Math.exp(-2.5), 12);
    expect(fact!.meanLogprob).toBeCloseTo(-1, 12); // (-0.1 - 2.5 - 0.4) / 3
    expect(fact!.flagged).toBe(true); // e^-2.5 = 0.082 < 0.1
  });
});
