import { describe, expect, it } from 'vitest';
import { analyzed, tokensOf } from './__fixtures__/tokens.js';
import { segmentSentences } from './segmentSentences.js';
import { sentenceRanges } from './sentenceRanges.js';

const split = (text: string) => sentenceRanges(text).map(([s, e]) => text.slice(s, e));

describe('sentenceRanges', () => {
  it.each([
    ['Hello world. How are you? Fine!', ['Hello world.', 'How are you?', 'Fine!']],
    ['Wait?! Really... Yes.', ['Wait?!', 'Really...', 'Yes.']],
    ['He said "Stop." Then he left.', ['He said "Stop."', 'Then he left.']],
    ['(Bracketed.) Next', ['(Bracketed.)', 'Next']],
    ['Pi is 3.14 today. Next.', ['Pi is 3.14 today.', 'Next.']],
    ['Dr. Smith met Mr. Jones. They talked.', ['Dr. Smith met Mr. Jones.', 'They talked.']],
    ['Use e.g. apples, i.e. fruit. Ok.', ['Use e.g. apples, i.e. fruit.', 'Ok.']],
    [
      'J. R. R. Tolkien wrote it in the U.S. first. Yes.',
      ['J. R. R. Tolkien wrote it in the U.S. first.', 'Yes.'],
    ],
    [
      'Apples, etc. are fruit. We had pears, etc. The end.',
      ['Apples, etc. are fruit.', 'We had pears, etc.', 'The end.'],
    ],
    ['See No. 5 now. I said no. Fine.', ['See No. 5 now.', 'I said no.', 'Fine.']],
    ['Line one\nLine two\n\nPara', ['Line one', 'Line two', 'Para']],
    ['1. First item\n2. Second item', ['1. First item', '2. Second item']],
    ['It costs $3.50. Cheap', ['It costs $3.50.', 'Cheap']],
    ['No ending', ['No ending']],
    ['  padded.  ', ['padded.']],
    ['', []],
    [' \n\n ', []],
  ])('%j', (text, expected) => {
    expect(split(text)).toEqual(expected);
  });
});

describe('segmentSentences', () => {
  it('gives each sentence its tokens, mean logprob, min prob and flagged count', () => {
    // "Sure. " (-0.1, -0.3) then "Maybe not." (-2, -4, -0.2): the "." token closes the first sentence.
    const tokens = analyzed([
      ['Sure', -0.1],
      ['. ', -0.3],
      ['Maybe', -2],
      [' not', -4],
      ['.', -0.2],
    ]);
    const [a, b] = segmentSentences('Sure. Maybe not.', tokens);
    expect(a).toMatchObject({ text: 'Sure.', start: 0, end: 2, charStart: 0, charEnd: 5, flaggedTokens: 0 });
    expect(a!.meanLogprob).toBeCloseTo(-0.2, 12); // (-0.1 + -0.3) / 2
    expect(b).toMatchObject({ text: 'Maybe not.', start: 2, end: 5, charStart: 6, charEnd: 16 });
    expect(b!.meanLogprob).toBeCloseTo(-2.0666666667, 9); // (-2 - 4 - 0.2) / 3
    expect(b!.minProb).toBeCloseTo(Math.exp(-4), 12);
    expect(b!.flaggedTokens).toBe(1); // only e^-4 = 0.018 < 0.1 (e^-2 = 0.135 is not)
  });

  it("supports the seed's gating rule: publish above -0.5, review below -1.5", () => {
    const text = 'The sky is blue. It rains frogs daily.';
    const tokens = analyzed([
      ['The', -0.02],
      [' sky', -0.31],
      [' is', -0.04],
      [' blue', -0.71],
      ['.', -0.1],
      [' It', -0.5],
      [' rains', -1.5],
      [' frogs', -4.2],
      [' daily', -2.0],
      ['.', -0.3],
    ]);
    const [first, second] = segmentSentences(text, tokens);
    // (-0.02 - 0.31 - 0.04 - 0.71 - 0.1) / 5 = -0.236: publish
    expect(first!.meanLogprob).toBeCloseTo(-0.236, 12);
    // (-0.5 - 1.5 - 4.2 - 2.0 - 0.3) / 5 = -1.7: review
    expect(second!.meanLogprob).toBeCloseTo(-1.7, 12);
  });

  it('handles a long text in one pass', () => {
    const text = 'One two three. '.repeat(20000);
    const sentences = segmentSentences(text, tokensOf(text));
    expect(sentences).toHaveLength(20000);
    expect(sentences[19999]!.text).toBe('One two three.');
  });
});
