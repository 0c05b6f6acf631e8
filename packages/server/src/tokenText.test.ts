import { mergeSplitCharacters, parseResponse, type Token } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { toChatLogprob } from './chatLogprobs.js';
import { LegacyLogprobsBuilder } from './legacyLogprobs.js';
import { jsonLogprob, legacyTokenText, Utf8Stream } from './tokenText.js';
import { withoutAddedSpace } from './withoutAddedSpace.js';

// 🐱 is F0 9F 90 B1: an engine with byte fallback emits it as tokens holding part of it.
const split: Token[] = [
  { text: ' a', bytes: [0x20, 0x61], logprob: -0.1, top: [] },
  {
    text: ' \ufffd',
    bytes: [0x20, 0xf0, 0x9f],
    logprob: -1,
    top: [{ text: '\ufffd', logprob: -0.5, bytes: [0x9f] }],
  },
  { text: '\ufffd', bytes: [0x90, 0xb1], logprob: -2, top: [] },
  { text: '!', bytes: [0x21], logprob: -0.3, top: [] },
];

describe('token texts', () => {
  it('writes partial characters in the legacy bytes: form and whole ones as text', () => {
    expect(legacyTokenText(split[0]!)).toBe(' a');
    expect(legacyTokenText(split[1]!)).toBe('bytes: \\xf0\\x9f');
    expect(legacyTokenText(split[2]!)).toBe('bytes:\\x90\\xb1');
    expect(legacyTokenText({ text: '\\', bytes: [0x5c, 0xe2] })).toBe('bytes:\\x5c\\xe2');
  });

  it('decodes a split character on the token that completes it', () => {
    const utf8 = new Utf8Stream();
    expect(split.map((t) => utf8.push(t))).toEqual([' a', ' ', '🐱', '!']);
    expect(utf8.flush()).toBe('');
  });

  it('maps non-finite values to the -9999 sentinel', () => {
    expect(jsonLogprob(null)).toBe(-9999);
    expect(jsonLogprob(Number.NEGATIVE_INFINITY)).toBe(-9999);
    expect(jsonLogprob(-0.25)).toBe(-0.25);
  });

  it('chat entries carry the real bytes, which core merges back', () => {
    const items = split.map(toChatLogprob);
    expect(items[1]).toEqual({
      token: ' \ufffd',
      logprob: -1,
      bytes: [0x20, 0xf0, 0x9f],
      top_logprobs: [{ token: '\ufffd', logprob: -0.5, bytes: [0x9f] }],
    });
    const merged = mergeSplitCharacters(
      items.map((i) => ({ text: i.token, bytes: i.bytes, logprob: i.logprob, top: [] })),
    );
    expect(merged.map((t) => t.text).join('')).toBe(' a 🐱!');
  });

  it('legacy arrays with offsets parse back to the text and values', () => {
    const builder = new LegacyLogprobsBuilder();
    const { logprobs, text } = builder.add(split, true);
    expect(text).toBe(' a 🐱!');
    expect(logprobs.text_offset).toEqual([0, 2, 3, 4]); // code points, as OpenAI counts
    expect(logprobs.token_logprobs).toEqual([null, -1, -2, -0.3]);
    const response = {
      object: 'text_completion',
      choices: [{ index: 0, text, logprobs, finish_reason: 'stop' }],
    };
    const parsed = parseResponse(JSON.stringify(response)).completions[0]!;
    expect([...(parsed.prompt ?? []), ...parsed.tokens].map((t) => t.text).join('')).toBe(text);
  });
});

describe('withoutAddedSpace', () => {
  const tokens: Token[] = [
    { text: '', bytes: [], logprob: null, top: [] },
    {
      text: ' Once',
      bytes: [...Buffer.from(' Once')],
      logprob: -0.2,
      top: [
        { text: ' Once', logprob: -0.2, bytes: [...Buffer.from(' Once')] },
        { text: 're', logprob: -3, bytes: null },
      ],
    },
    { text: ' upon', bytes: [...Buffer.from(' upon')], logprob: -0.1, top: [] },
  ];

  it("takes the tokenizer's added space off the first token with text and its alternatives", () => {
    const out = withoutAddedSpace(tokens, 'Once upon');
    expect(out.map((t) => t.text)).toEqual(['', 'Once', ' upon']);
    expect(out[1]!.bytes).toEqual([...Buffer.from('Once')]);
    expect(out[1]!.top.map((a) => a.text)).toEqual(['Once', 're']);
  });

  it('leaves tokens that already spell the prompt alone', () => {
    expect(withoutAddedSpace(tokens, ' Once upon')).toEqual(tokens);
    expect(withoutAddedSpace(tokens, 'something else')).toEqual(tokens);
  });
});
