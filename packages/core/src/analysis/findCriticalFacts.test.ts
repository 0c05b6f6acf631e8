import { afterEach, describe, expect, it } from 'vitest';
import '../names.js';
import { analyzed, tokensOf } from './__fixtures__/tokens.js';
import { findCriticalFacts } from './findCriticalFacts.js';
import { findNames } from './findNames.js';
import { useNameFinder } from './nameFinder.js';

const factsOf = (text: string) => findCriticalFacts(text, tokensOf(text)).map((f) => `${f.kind}:${f.text}`);

describe('findCriticalFacts', () => {
  afterEach(() => useNameFinder(findNames));

  it.each([
    [
      'Dr. Smith paid $1,200.50 on May 1, 2024 at https://x.io/a.',
      ['person:Dr. Smith', 'money:$1,200.50', 'date:May 1, 2024', 'url:https://x.io/a'],
    ],
    ['Visit www.example.com, or mail a@b.co.', ['url:www.example.com', 'email:a@b.co']],
    ['Andrzej Duda', ['person:Andrzej Duda']],
    ['As of October 2023, the answer is Andrzej Duda.', ['date:October 2023', 'person:Andrzej Duda']],
    ['We flew to New York City on 2024-05-01.', ['place:New York City', 'date:2024-05-01']],
    ['Due 01/05/2024 or 1 May 2024 or May 1st.', ['date:01/05/2024', 'date:1 May 2024', 'date:May 1st']],
    ['It was built in 1889 and has 1889 steps.', ['date:1889', 'number:1889']],
    ['Add 3.5 kg, 45% and -2 or $3M.', ['number:3.5 kg', 'number:45%', 'number:-2', 'money:$3M']],
    ['There are 3,000,000 ants and 12 bees.', ['number:3,000,000', 'number:12']],
    ['See https://en.wikipedia.org/wiki/Foo_(bar)).', ['url:https://en.wikipedia.org/wiki/Foo_(bar)']],
    ['Posted at https://site.com/2024/05/01/post today.', ['url:https://site.com/2024/05/01/post']],
    ['Write to first.last+tag@mail.example.org!', ['email:first.last+tag@mail.example.org']],
    // A word at the start of a sentence is a name when the tagger knows it as one, not for its capital.
    ['Yesterday I met Anna. Paris is big.', ['person:Anna', 'place:Paris']],
    ['The Eiffel Tower is in Paris.', ['place:Eiffel Tower', 'place:Paris']],
    ["John F. Kennedy met O'Brien.", ['person:John F. Kennedy', "person:O'Brien"]],
    ['It rained in March. On Monday, A and I left.', ['date:March']],
    ['1. First item\n2. Second item\n10) Tenth item', []], // list markers are not numbers
    ['The model GPT-4 scored 86.4 on the test.', ['name:GPT-4', 'number:86.4']],
    ['no facts here', []],
    // Issue 13: what Llama-3.1-8B-Instruct answers start with, and names the old rules split.
    ['Thank you for asking! Sure, here it is. Certainly. However, wait.', []],
    [
      "The Eiffel Tower was built by Gustave Eiffel's company, Compagnie des Établissements Eiffel, for the 1889 World's Fair.",
      [
        'place:Eiffel Tower',
        'person:Gustave Eiffel',
        'organization:Compagnie des Établissements Eiffel',
        'date:1889',
        "event:World's Fair",
      ],
    ],
    [
      'Apollo 12 landed in November 1969; NASA spent $4.2 billion.',
      ['name:Apollo 12', 'date:November 1969', 'organization:NASA', 'money:$4.2 billion'],
    ],
    [
      'It is 324 metres tall; tickets cost €15, 12 % more.',
      ['number:324 metres', 'money:€15', 'number:12 %'],
    ],
    [
      'Ernest Hemingway wrote "The Old Man and the Sea" in 1951.',
      ['person:Ernest Hemingway', 'title:The Old Man and the Sea', 'date:1951'],
    ],
    [
      'Use `os.path.join()`, get_user_by_id, isLoggedIn or foo.bar() at 14:32 UTC.',
      ['code:os.path.join()', 'code:get_user_by_id', 'code:isLoggedIn', 'code:foo.bar()', 'date:14:32 UTC'],
    ],
  ])('%j', (text, expected) => {
    expect(factsOf(text)).toEqual(expected);
  });

  it('takes no name from the title case of markdown headings and bold labels', () => {
    const answer =
      '## Visiting Tips\n\n* **Best Time:** early morning\n1. **Buy Tickets Online** first.\n\nSee **Paris** by night.';
    expect(factsOf(answer)).toEqual(['place:Paris']);
  });

  it('takes no name from the capitals of German nouns', () => {
    expect(factsOf('Vielen Dank für Ihre Frage. Der Rhein ist etwa 1.230 Kilometer lang.')).toEqual([
      'number:1.230 Kilometer',
    ]);
  });

  it('finds every kind but names without a name finder', () => {
    useNameFinder(undefined);
    expect(factsOf('Gustave Eiffel paid €15 on May 1, 2024 for "The Tower".')).toEqual([
      'money:€15',
      'date:May 1, 2024',
      'title:The Tower',
    ]);
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
      kind: 'money',
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
