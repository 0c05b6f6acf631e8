import { describe, expect, it } from 'vitest';
import { type EventRewrite, exchangeTransform } from './exchangeTransform.js';

const encoder = new TextEncoder();

/** Runs pieces of text through the transform; returns what came out, piece by piece, and the tap's text. */
async function run(pieces: Array<string | Uint8Array>, rewrite?: EventRewrite) {
  let tapped = '';
  let ended = 0;
  const transform = exchangeTransform({
    ...(rewrite && { rewrite }),
    tap: { write: (t) => (tapped += t), end: () => ended++ },
  });
  const writer = transform.writable.getWriter();
  const reader = transform.readable.getReader();
  const decoder = new TextDecoder();
  const out: string[] = [];
  const reading = (async () => {
    for (let r = await reader.read(); !r.done; r = await reader.read())
      out.push(decoder.decode(r.value, { stream: true }));
  })();
  for (const piece of pieces) await writer.write(typeof piece === 'string' ? encoder.encode(piece) : piece);
  await writer.close();
  await reading;
  return { out, tapped, ended };
}

const bump: EventRewrite = (value) => {
  const v = value as { n?: number; drop?: boolean };
  if (v.drop) return 'drop';
  return typeof v.n === 'number' ? { value: { n: v.n + 1 } } : 'keep';
};

describe('exchangeTransform', () => {
  it('without a rewrite passes the bytes as they come, and the tap sees the text', async () => {
    const euro = encoder.encode('€');
    const { out, tapped, ended } = await run([
      'data: {"a":',
      euro.subarray(0, 1),
      euro.subarray(1),
      '1}\n\n',
    ]);
    expect(out.join('')).toBe('data: {"a":€1}\n\n');
    expect(out).toHaveLength(4);
    expect(tapped).toBe('data: {"a":€1}\n\n');
    expect(ended).toBe(1);
  });

  it('passes each event on as soon as its blank line arrives, and keeps what it does not change', async () => {
    const { out } = await run(
      ['data: {"n":1}\n', '\ndata: {"n"', ':2}\n\nevent: x\ndata: {"k":1}\n\n: comment\n\n'],
      bump,
    );
    expect(out).toEqual(
      ['', 'data: {"n":2}\n\n', 'data: {"n":3}\n\nevent: x\ndata: {"k":1}\n\n: comment\n\n'].filter(Boolean),
    );
  });

  it('handles CRLF events, one split between its "\\r" and "\\n"', async () => {
    const { out } = await run(['event: e\r\ndata: {"n":1}\r\n\r', '\ndata: [DONE]\r\n\r\n'], bump);
    expect(out.join('')).toBe('event: e\r\ndata: {"n":2}\r\n\r\ndata: [DONE]\r\n\r\n');
  });

  it('joins multi-line data, drops what the rewrite drops, and passes broken JSON and a cut last event as they are', async () => {
    const { out, tapped } = await run(
      ['data: {"n":\ndata: 5}\n\ndata: {"drop":true}\n\ndata: {oops\n\ndata: {"n":9}'],
      bump,
    );
    expect(out.join('')).toBe('data: {"n":6}\n\ndata: {oops\n\ndata: {"n":9}');
    expect(tapped).toContain('{"drop":true}');
  });
});
