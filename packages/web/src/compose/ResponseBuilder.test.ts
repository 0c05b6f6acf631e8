import { mergeSplitCharacters, type RunStreamEvent, type Token, utf8Encode } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { ResponseBuilder } from './ResponseBuilder';

const tok = (text: string, top = 0): Token => ({
  text,
  bytes: null,
  logprob: -0.5,
  top: Array.from({ length: top }, (_, i) => ({ text: `${text}${i}`, logprob: -i, bytes: null })),
});
const tokenEvent = (index: number, token: Token): RunStreamEvent => ({ type: 'token', index, token });

/** A token carrying raw bytes, its text as a streaming engine sends it (U+FFFD for a partial character). */
const bytesTok = (bytes: number[]): Token => ({
  text: new TextDecoder().decode(new Uint8Array(bytes)),
  bytes,
  logprob: -0.25,
  top: [],
});

/** "café 🙂" and more, cut into tokens that split "é" in two and the emoji in three. */
function splitTokens(repeat: number): Token[] {
  const one = [
    bytesTok(utf8Encode('caf')),
    bytesTok([0xc3]),
    bytesTok([0xa9, 0x20]),
    bytesTok([0xf0, 0x9f]),
    bytesTok([0x99]),
    bytesTok([0x82]),
    bytesTok(utf8Encode('! ')),
  ];
  return Array.from({ length: repeat }, () => one.map((t) => ({ ...t }))).flat();
}

describe('ResponseBuilder merges UTF-8 characters split across streamed tokens', () => {
  it('as each character completes, equal to the saved run at the end', () => {
    const tokens = splitTokens(1);
    const builder = new ResponseBuilder();
    const texts: string[] = [];
    for (const [i, t] of tokens.entries()) {
      builder.apply(tokenEvent(i, t));
      const completion = builder.snapshot().completions[0]!;
      expect(completion.tokens.map((x) => x.text).join('')).toBe(completion.text);
      texts.push(completion.text);
    }
    // "é" shows once its second byte came; the emoji once its last did (U+FFFD until then).
    expect(texts).toEqual([
      'caf',
      'caf\ufffd',
      'café ',
      'café \ufffd',
      'café \ufffd',
      'café 🙂',
      'café 🙂! ',
    ]);
    expect(builder.snapshot().completions[0]!.tokens).toEqual(mergeSplitCharacters(tokens));
  });

  it('incrementally over a long stream: the same tokens and groups as merging everything at once', () => {
    const tokens = splitTokens(40);
    const builder = new ResponseBuilder();
    for (const [i, t] of tokens.entries()) {
      builder.apply(tokenEvent(i, t));
      if (i % 3 === 0) builder.snapshot();
    }
    const completion = builder.snapshot().completions[0]!;
    const whole = mergeSplitCharacters(tokens);
    expect(completion.tokens).toEqual(whole);
    expect(completion.text).toBe('café 🙂! '.repeat(40));
    // Groups are indexes into the whole answer: the last "é" is tokens 274-275, the last emoji 276-278.
    expect(completion.tokens.slice(274, 280).map((t) => t.utf8Group)).toEqual([
      [274, 276],
      [274, 276],
      [276, 279],
      [276, 279],
      [276, 279],
      undefined,
    ]);
  });
});

describe('ResponseBuilder', () => {
  it('starts empty with one completion and no tokens', () => {
    const response = new ResponseBuilder({ distribution: 'raw' }).snapshot();
    expect(response.completions).toEqual([{ index: 0, text: '', tokens: [], distribution: 'raw', topK: 0 }]);
  });

  it('appends tokens in order, keeps text equal to the tokens and tracks the largest top-k', () => {
    const builder = new ResponseBuilder();
    builder.apply({ type: 'start', model: 'stories260K', promptText: '<s>Once' });
    builder.apply(tokenEvent(0, tok(' upon', 3)));
    builder.apply(tokenEvent(1, tok(' a', 5)));
    builder.apply(tokenEvent(2, tok(' time', 2)));
    const response = builder.snapshot();
    expect(response.model).toBe('stories260K');
    expect(builder.promptText).toBe('<s>Once');
    const completion = response.completions[0]!;
    expect(completion.text).toBe(' upon a time');
    expect(completion.tokens.map((t) => t.text).join('')).toBe(completion.text);
    expect(completion.topK).toBe(5);
  });

  it('returns a new object after a change and the same one when nothing changed', () => {
    const builder = new ResponseBuilder();
    const first = builder.snapshot();
    expect(builder.snapshot()).toBe(first);
    expect(builder.apply(tokenEvent(0, tok('a')))).toBe(true);
    const second = builder.snapshot();
    expect(second).not.toBe(first);
    expect(first.completions[0]!.tokens).toHaveLength(0);
    expect(second.completions[0]!.tokens).toHaveLength(1);
  });

  it('keeps a branch prefix and places tokens indexed after it', () => {
    const builder = new ResponseBuilder({ prefix: [tok('Once'), tok(' upon', 4)] });
    builder.apply(tokenEvent(2, tok(' two')));
    const completion = builder.snapshot().completions[0]!;
    expect(completion.text).toBe('Once upon two');
    expect(completion.topK).toBe(4);
    expect(builder.tokenCount).toBe(3);
  });

  it('replaces a token sent again at an earlier index and recomputes the text', () => {
    const builder = new ResponseBuilder({ prefix: [tok('a'), tok('b')] });
    builder.apply(tokenEvent(1, tok('X')));
    expect(builder.snapshot().completions[0]!.text).toBe('aX');
  });

  it('ignores done/error events and invalid indexes', () => {
    const builder = new ResponseBuilder();
    expect(builder.apply({ type: 'error', error: { message: 'x', type: 'y' } })).toBe(false);
    expect(builder.apply(tokenEvent(-1, tok('a')))).toBe(false);
    expect(builder.apply(tokenEvent(1.5, tok('a')))).toBe(false);
    expect(builder.tokenCount).toBe(0);
  });

  it('appends a token whose index leaves a gap instead of leaving holes', () => {
    const builder = new ResponseBuilder();
    builder.apply(tokenEvent(5, tok('a')));
    const tokens = builder.snapshot().completions[0]!.tokens;
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.text).toBe('a');
  });
});
