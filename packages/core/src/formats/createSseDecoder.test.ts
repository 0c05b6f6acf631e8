import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSseDecoder, type SseDecoderOptions, type SseEvent } from './createSseDecoder.js';

function decode(chunks: readonly string[], options: Omit<SseDecoderOptions, 'onEvent'> = {}): SseEvent[] {
  const events: SseEvent[] = [];
  const decoder = createSseDecoder({ ...options, onEvent: (event) => events.push(event) });
  for (const chunk of chunks) decoder.write(chunk);
  decoder.end();
  return events;
}

/** `text` cut at the given points (any positions, duplicates allowed). */
function splitAt(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  return [...points, text.length].map((p, i) => text.slice(i === 0 ? 0 : points[i - 1], p));
}

/** The events without their offsets (which depend on where a chunk cut a CRLF). */
const withoutPlace = (events: SseEvent[]) => events.map(({ start: _start, end: _end, ...event }) => event);

const STREAM = [
  ': a comment',
  '',
  'event: response.created',
  'id: 7',
  'data: {"a":1}',
  '',
  'data: {"b":',
  'data:2}',
  '',
  'data',
  '',
  'event: ignored, no data',
  '',
  'retry: 100',
  'data:  two spaces',
  '',
  'data: [DONE]',
].join('\n');

describe('createSseDecoder', () => {
  it('reads fields, comments, names, ids, multi-line data and a last event without its blank line', () => {
    expect(withoutPlace(decode([STREAM]))).toEqual([
      { data: '{"a":1}', event: 'response.created', id: '7', line: 5 },
      { data: '{"b":\n2}', event: undefined, id: undefined, line: 7 },
      { data: '', event: undefined, id: undefined, line: 10 },
      { data: ' two spaces', event: undefined, id: undefined, line: 15 },
      { data: '[DONE]', event: undefined, id: undefined, line: 17 },
    ]);
  });

  it('reads CRLF, CR and LF line ends alike, and drops a BOM', () => {
    const expected = decode([STREAM]).map((e) => e.data);
    for (const eol of ['\r\n', '\r']) {
      const events = decode([`\ufeff${STREAM.replaceAll('\n', eol)}${eol}${eol}`]);
      expect(events.map((e) => e.data)).toEqual(expected);
      expect(events.map((e) => e.line)).toEqual([5, 7, 10, 15, 17]);
    }
  });

  it('gives the same events for a stream cut anywhere, "\\r\\n" included (property)', () => {
    const text = `${STREAM.replaceAll('\n', '\r\n')}\r\n\r\n`;
    const whole = withoutPlace(decode([text]));
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 40 }), (cuts) => {
        expect(withoutPlace(decode(splitAt(text, cuts)))).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('says where each event ends in the input, so the text can be passed on event by event', () => {
    const text = 'data: 1\r\n\r\n: ping\n\ndata: 2\n\ndata: 3';
    const events = decode(splitAt(text, [3, 9, 17]));
    expect(events.map((e) => [e.start, e.end])).toEqual([
      [0, 11],
      [19, 28],
      [28, text.length],
    ]);
    expect(events.map((e) => text.slice(e.start, e.end))).toEqual([
      'data: 1\r\n\r\n',
      'data: 2\n\n',
      'data: 3',
    ]);
    // Cut between "\r" and "\n", the event is dispatched at once: its "\n" counts with what follows.
    expect(decode(splitAt(text, [10])).map((e) => e.end)).toEqual([10, 28, text.length]);
  });

  it('lets onData see each value as it is read, and take it out of the event', () => {
    const seen: Array<[string, number, string | undefined]> = [];
    const events = decode(['event: e\ndata: keep\ndata: take\ndata: keep2\n\ndata: take\n\n'], {
      firstLine: 10,
      onData: (value, line, event) => {
        seen.push([value, line, event]);
        return value === 'take';
      },
    });
    expect(seen).toEqual([
      ['keep', 11, 'e'],
      ['take', 12, 'e'],
      ['keep2', 13, 'e'],
      ['take', 15, undefined],
    ]);
    expect(events.map((e) => [e.data, e.line])).toEqual([
      ['keep\nkeep2', 11],
      ['', 15],
    ]);
  });

  it('holds only the line being read and the data of the event being read', () => {
    const decoder = createSseDecoder({ onEvent: () => undefined });
    decoder.write('data: 12345\ndata: 6');
    expect(decoder.buffered).toBe(5 + 7);
    expect(decoder.line).toBe(2);
    expect(decoder.settled).toBe(0);
    decoder.write('\n\n: ping\n\n');
    expect(decoder.buffered).toBe(0);
    expect(decoder.settled).toBe(29);
  });
});
