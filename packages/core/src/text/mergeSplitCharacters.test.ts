import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Token } from '../model/Token.js';
import { mergeSplitCharacters } from './mergeSplitCharacters.js';
import { decodeUtf8Prefix, parseEscapedBytes, utf8Decode, utf8Encode } from './utf8.js';

const tok = (text: string, bytes: number[] | null = null): Token => ({ text, bytes, logprob: -0.1, top: [] });
const joined = (tokens: Token[]) => tokens.map((t) => t.text).join('');

describe('utf8', () => {
  it('encodes like the platform TextEncoder', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(utf8Encode(s)).toEqual([...new TextEncoder().encode(s)]);
      }),
    );
  });

  it('decodes like the platform TextDecoder, including invalid bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 40 }), (bytes) => {
        expect(utf8Decode(bytes)).toEqual(new TextDecoder().decode(new Uint8Array(bytes)));
      }),
    );
  });

  it('keeps an incomplete tail pending', () => {
    expect(decodeUtf8Prefix([0x61, 0xf0, 0x9f])).toEqual({ text: 'a', pending: [0xf0, 0x9f] });
  });

  it('parses escaped bytes as DeepSeek and OpenAI legacy send them', () => {
    expect(parseEscapedBytes('\\xf0\\x9f')).toEqual([0xf0, 0x9f]);
    expect(parseEscapedBytes('bytes:\\xe2\\x80')).toEqual([0xe2, 0x80]);
    expect(parseEscapedBytes('a\\x98\\x80b')).toEqual([0x61, 0x98, 0x80, 0x62]);
    expect(parseEscapedBytes('plain')).toBeNull();
  });
});

describe('mergeSplitCharacters', () => {
  it('merges an emoji split across two tokens with bytes', () => {
    const out = mergeSplitCharacters([
      tok('Hi '),
      tok('\ufffd', [0xf0, 0x9f]),
      tok('\ufffd', [0x98, 0x80]),
      tok('!'),
    ]);
    expect(joined(out)).toBe('Hi 😀!');
    expect(out.map((t) => t.text)).toEqual(['Hi ', '', '😀', '!']);
    expect(out[1]!.utf8Group).toEqual([1, 3]);
    expect(out[2]!.utf8Group).toEqual([1, 3]);
    expect(out[0]!.utf8Group).toBeUndefined();
    expect(out[1]!.rawText).toBe('\ufffd');
    expect(out[1]!.logprob).toBe(-0.1);
  });

  it('decodes escaped text without bytes (DeepSeek)', () => {
    const out = mergeSplitCharacters([tok('\\xf0\\x9f'), tok('\\x98\\x80'), tok(' ok')]);
    expect(joined(out)).toBe('😀 ok');
    expect(out[0]!.bytes).toEqual([0xf0, 0x9f]);
  });

  it('chains a token that completes one character and starts the next', () => {
    const bytes = utf8Encode('żó');
    const out = mergeSplitCharacters([
      tok('x', [bytes[0]!]),
      tok('y', [bytes[1]!, bytes[2]!]),
      tok('z', [bytes[3]!]),
    ]);
    expect(joined(out)).toBe('żó');
    expect(out.every((t) => t.utf8Group?.[0] === 0 && t.utf8Group[1] === 3)).toBe(true);
  });

  it('fills U+FFFD tokens without usable bytes from the response text (Ollama, vLLM)', () => {
    const replacement = [0xef, 0xbf, 0xbd];
    const out = mergeSplitCharacters(
      [tok('Hello'), tok('\ufffd', replacement), tok('\ufffd', replacement), tok(' world')],
      'Hello😀 world',
    );
    expect(joined(out)).toBe('Hello😀 world');
    expect(out[2]!.text).toBe('😀');
    expect(out[1]!.utf8Group).toEqual([1, 3]);
  });

  it('leaves tokens alone when the response text cannot be aligned', () => {
    const out = mergeSplitCharacters([tok('A'), tok('\ufffd')], 'B😀');
    expect(joined(out)).toBe('A\ufffd');
  });

  it('ends an incomplete trailing character as U+FFFD', () => {
    const out = mergeSplitCharacters([tok('a'), tok('x', [0xf0, 0x9f])]);
    expect(joined(out)).toBe('a\ufffd');
  });

  it('reproduces any text split into tokens at arbitrary byte boundaries', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), fc.array(fc.nat()), (text, cuts) => {
        const bytes = utf8Encode(text);
        const points = [...new Set(cuts.map((c) => c % bytes.length))].sort((a, b) => a - b);
        const bounds = [0, ...points.filter((p) => p > 0), bytes.length];
        const tokens = bounds.slice(1).map((end, i) => {
          const slice = bytes.slice(bounds[i]!, end);
          return tok(utf8Decode(slice), slice);
        });
        expect(joined(mergeSplitCharacters(tokens))).toBe(text);
      }),
    );
  });
});
