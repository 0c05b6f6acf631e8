import { describe, expect, it } from 'vitest';
import { analyzed, tok, tokensOf } from './__fixtures__/tokens.js';
import { segmentWords } from './segmentWords.js';

const wordsOf = (text: string) => segmentWords(text, tokensOf(text)).map((w) => w.text);

describe('segmentWords', () => {
  it.each([
    ["Don't stop-gap 3.14 and 1,200 -- end.", ["Don't", 'stop-gap', '3.14', 'and', '1,200', 'end']],
    ['Zażółć gęślą jaźń — naïve café 東京', ['Zażółć', 'gęślą', 'jaźń', 'naïve', 'café', '東京']],
    ['cafe\u0301 ok', ['cafe\u0301', 'ok']], // a combining accent stays in its word
    ["the dogs' bowls", ['the', 'dogs', 'bowls']], // a trailing apostrophe is not a joiner
    ['end. Next,word', ['end', 'Next', 'word']], // `.`/`,` join digits only
    ['-5 ... ?! ** ', ['5']],
    ['', []],
  ])('%j -> %j', (text, expected) => {
    expect(wordsOf(text)).toEqual(expected);
  });

  it('gives every word the tokens overlapping it; one token can cover several words', () => {
    const tokens = analyzed([
      ['Once', -0.1],
      [' upon a ', -0.2],
      ['time', -3],
    ]);
    const words = segmentWords('Once upon a time', tokens);
    expect(words.map((w) => [w.text, w.start, w.end, w.charStart, w.charEnd])).toEqual([
      ['Once', 0, 1, 0, 4],
      ['upon', 1, 2, 5, 9],
      ['a', 1, 2, 10, 11],
      ['time', 2, 3, 12, 16],
    ]);
    expect(words[3]!.flagged).toBe(true); // e^-3 = 0.0498 < 0.1
    expect(words[3]!.minProb).toBeCloseTo(Math.exp(-3), 12);
    expect(words[0]!.flagged).toBe(false);
  });

  it('averages logprobs over a word of several tokens', () => {
    const tokens = analyzed([
      ['And', -0.2],
      ['rzej', -0.4],
      [' D', -0.6],
      ['uda', -1],
    ]);
    const [andrzej, duda] = segmentWords('Andrzej Duda', tokens);
    expect(andrzej!.meanLogprob).toBeCloseTo(-0.3, 12); // (-0.2 + -0.4) / 2
    expect(duda!.meanLogprob).toBeCloseTo(-0.8, 12); // (-0.6 + -1) / 2
    expect(duda!.minProb).toBeCloseTo(Math.exp(-1), 12);
  });

  it('includes the empty tokens that hold the leading bytes of a split first character', () => {
    const tokens = analyzed([
      tok('', -0.5, [], { bytes: [0xc3], utf8Group: [0, 2] }),
      tok('été', -0.1, [], { bytes: [0xa9, 0x74, 0xc3, 0xa9], utf8Group: [0, 2] }),
      tok(' ok', -0.1),
    ]);
    const [ete] = segmentWords('été ok', tokens);
    expect([ete!.start, ete!.end]).toEqual([0, 2]);
    expect(ete!.meanLogprob).toBeCloseTo(-0.3, 12);
  });

  it('gives a word of sentinel tokens a mean of -Infinity and no minProb', () => {
    const [w] = segmentWords('zz', analyzed([['zz', null]]));
    expect(w!.meanLogprob).toBe(Number.NEGATIVE_INFINITY);
    expect(w!.minProb).toBeNull();
    expect(w!.flagged).toBe(true);
  });
});
