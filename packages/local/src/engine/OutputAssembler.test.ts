import { mergeSplitCharacters, type Token, utf8Encode } from '@tokenscope/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OutputAssembler } from './OutputAssembler.js';

function tok(text: string, bytes = utf8Encode(text)): Token {
  return { text, bytes, logprob: -0.5, top: [] };
}

function run(pieces: Token[], stops: string[]) {
  const streamed: Token[] = [];
  const assembler = new OutputAssembler(stops, (t) => streamed.push(t));
  let stoppedAt = -1;
  for (const [i, piece] of pieces.entries()) {
    if (assembler.push(piece)) {
      stoppedAt = i;
      break;
    }
  }
  return { ...assembler.finish(), streamed, stoppedAt };
}

describe('OutputAssembler', () => {
  it('works without an onToken callback (non-streamed requests)', () => {
    const assembler = new OutputAssembler(['The end']);
    expect(assembler.push(tok('Once'))).toBe(false);
    expect(assembler.push(tok(' upon'))).toBe(false);
    expect(assembler.push(tok(' The'))).toBe(false);
    expect(assembler.finish()).toEqual({
      text: 'Once upon The',
      tokens: [tok('Once'), tok(' upon'), tok(' The')],
    });
  });

  it('streams every token at once without stop strings', () => {
    const streamed: Token[] = [];
    const assembler = new OutputAssembler([], (t) => streamed.push(t));
    assembler.push(tok('Once'));
    expect(streamed).toHaveLength(1);
    assembler.push(tok(' upon'));
    expect(streamed).toHaveLength(2);
    expect(assembler.finish().text).toBe('Once upon');
  });

  it('ends before a stop string that spans several tokens and holds back its start', () => {
    const streamed: Token[] = [];
    const assembler = new OutputAssembler(['The end'], (t) => streamed.push(t));
    expect(assembler.push(tok('Bye.'))).toBe(false);
    expect(assembler.push(tok(' The'))).toBe(false);
    // ' The' could begin 'The end': held back.
    expect(streamed.map((t) => t.text)).toEqual(['Bye.']);
    expect(assembler.push(tok(' e'))).toBe(false);
    expect(assembler.push(tok('nd'))).toBe(true);
    const out = assembler.finish();
    expect(out.text).toBe('Bye. ');
    expect(out.tokens.map((t) => t.text)).toEqual(['Bye.', ' ']);
    expect(out.tokens[1]!.bytes).toEqual([32]);
    expect(streamed.map((t) => t.text)).toEqual(['Bye.', ' ']);
  });

  it('releases held text when the stop string does not follow', () => {
    const out = run([tok('a.'), tok('\n'), tok('b')], ['\n\n']);
    expect(out.stoppedAt).toBe(-1);
    expect(out.text).toBe('a.\nb');
    expect(out.streamed.map((t) => t.text)).toEqual(['a.', '\n', 'b']);
  });

  it('cuts a token that holds text before the stop string and the stop itself', () => {
    const out = run([tok('day,'), tok(' then.'), tok(' more')], ['.']);
    expect(out.stoppedAt).toBe(1);
    expect(out.text).toBe('day, then');
    expect(out.tokens.map((t) => t.text).join('')).toBe(out.text);
    expect(out.tokens[1]).toMatchObject({ text: ' then', bytes: utf8Encode(' then'), logprob: -0.5 });
  });

  it('decodes a character split across tokens, keeping each piece as U+FFFD', () => {
    const [a, b] = [utf8Encode('ż').slice(0, 1), utf8Encode('ż').slice(1)];
    const pieces = [tok('x'), tok('\ufffd', a), tok('\ufffd', b), tok('y')];
    const streamed: Token[] = [];
    const assembler = new OutputAssembler([], (t) => streamed.push(t));
    assembler.push(pieces[0]!);
    assembler.push(pieces[1]!);
    // The first byte waits for the byte that completes the character.
    expect(streamed).toHaveLength(1);
    assembler.push(pieces[2]!);
    expect(streamed).toHaveLength(3);
    assembler.push(pieces[3]!);
    const out = assembler.finish();
    expect(out.text).toBe('xży');
    expect(
      mergeSplitCharacters(out.tokens)
        .map((t) => t.text)
        .join(''),
    ).toBe('xży');
  });

  it('stops at a stop string that is a split character', () => {
    const bytes = utf8Encode('ż');
    const out = run([tok('a'), tok('\ufffd', [bytes[0]!]), tok('\ufffd', [bytes[1]!]), tok('b')], ['ż']);
    expect(out.text).toBe('a');
    expect(out.tokens.map((t) => t.text)).toEqual(['a']);
  });

  it('ends with U+FFFD when generation stops inside a character', () => {
    const out = run([tok('a'), tok('\ufffd', [0xc5])], []);
    expect(out.text).toBe('a\ufffd');
    expect(out.tokens).toHaveLength(2);
  });

  it('cuts the bytes of a stop string that begins inside a token ending in an unfinished character', () => {
    const [lead, ...rest] = utf8Encode('😀');
    // 'a' + the emoji's first byte, then the rest of the emoji: the stop string is the emoji.
    const out = run([tok('a\ufffd', [0x61, lead!]), tok('\ufffd', rest)], ['😀']);
    expect(out.text).toBe('a');
    expect(out.tokens).toHaveLength(1);
    expect(out.tokens[0]).toMatchObject({ text: 'a', bytes: [0x61] });
  });

  it('never streams a token whose unfinished character begins a stop string', () => {
    const [lead, trail] = utf8Encode('é');
    const out = run([tok('\ufffd', [lead!]), tok('\ufffd', [trail!]), tok('a')], ['éa']);
    expect(out.text).toBe('');
    expect(out.tokens).toEqual([]);
    expect(out.streamed).toEqual([]);
  });

  it('for any split of the bytes into tokens: ends before the first stop, streams exactly what it keeps', () => {
    const decode = (bytes: number[]) => new TextDecoder().decode(Uint8Array.from(bytes));
    const piece = fc.constantFrom('a', 'b', 'é', '😀', '\n', 'ab');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 10 }),
        fc.array(piece, { minLength: 1, maxLength: 3 }).map((p) => p.join('')),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 10 }),
        (chars, stop, sizes) => {
          const all = utf8Encode(chars.join(''));
          const pieces: Token[] = [];
          for (let i = 0, c = 0; i < all.length; c++) {
            const bytes = all.slice(i, i + sizes[c % sizes.length]!);
            pieces.push(tok(decode(bytes), bytes));
            i += bytes.length;
          }
          const out = run(pieces, [stop]);
          const full = decode(all);
          const at = full.indexOf(stop);
          expect(out.text).toBe(at >= 0 ? full.slice(0, at) : full);
          expect(out.stoppedAt >= 0).toBe(at >= 0);
          expect(decode(out.tokens.flatMap((t) => t.bytes ?? []))).toBe(out.text);
          expect(out.streamed).toEqual(out.tokens);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
