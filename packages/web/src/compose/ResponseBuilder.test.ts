import type { RunStreamEvent, Token } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { ResponseBuilder } from './ResponseBuilder';

const tok = (text: string, top = 0): Token => ({
  text,
  bytes: null,
  logprob: -0.5,
  top: Array.from({ length: top }, (_, i) => ({ text: `${text}${i}`, logprob: -i, bytes: null })),
});
const tokenEvent = (index: number, token: Token): RunStreamEvent => ({ type: 'token', index, token });

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
