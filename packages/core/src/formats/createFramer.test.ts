import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EmptyInputError } from '../errors/EmptyInputError.js';
import { InputTooLargeError } from '../errors/InputTooLargeError.js';
import { InvalidJsonError } from '../errors/InvalidJsonError.js';
import { TruncatedStreamError } from '../errors/TruncatedStreamError.js';
import { createFramer, type FramerOptions, type Framing } from './createFramer.js';

interface Seen {
  framing: Framing | undefined;
  values: Array<{ value: unknown; event: string | undefined; line: number }>;
  done: number;
}

function frame(chunks: readonly string[], options?: FramerOptions): Seen {
  const seen: Seen = { framing: undefined, values: [], done: 0 };
  const framer = createFramer(
    { value: (value, event, line) => seen.values.push({ value, event, line }), done: () => seen.done++ },
    options,
  );
  for (const chunk of chunks) framer.write(chunk);
  framer.end();
  seen.framing = framer.framing;
  return seen;
}

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

/** Splits `text` at the given cut points (any positions, duplicates allowed). */
function splitAt(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const parts: string[] = [];
  let last = 0;
  for (const p of points) {
    parts.push(text.slice(last, p));
    last = p;
  }
  parts.push(text.slice(last));
  return parts;
}

describe('createFramer', () => {
  it('reads SSE events with their event names, lines and the [DONE] marker', () => {
    const seen = frame([
      ': comment\n\nevent: response.created\ndata: {"a":1}\n\ndata: {"b":2}\n\ndata: [DONE]\n\n',
    ]);
    expect(seen.framing).toBe('sse');
    expect(seen.values).toEqual([
      { value: { a: 1 }, event: 'response.created', line: 4 },
      { value: { b: 2 }, event: undefined, line: 6 },
    ]);
    expect(seen.done).toBe(1);
  });

  it('gives the same result for an SSE fixture split at any points (property)', () => {
    const text = fixture('openai-chat.stream-emoji.unrecorded.sse.txt');
    const whole = frame([text]);
    expect(whole.values.length).toBe(10);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 40 }), (cuts) => {
        expect(frame(splitAt(text, cuts))).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same result for JSON lines and a pretty document split anywhere (property)', () => {
    const jsonl = fixture('openai-chat.azure-n2.unrecorded.jsonl');
    const doc = fixture('openai-chat.seed003.recorded.json');
    const wholeLines = frame([jsonl]);
    const wholeDoc = frame([doc]);
    expect(wholeLines.framing).toBe('jsonl');
    expect(wholeLines.values.map((v) => v.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(wholeDoc.framing).toBe('document');
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 30 }), (cuts) => {
        expect(frame(splitAt(jsonl, cuts))).toEqual(wholeLines);
        expect(frame(splitAt(doc, cuts))).toEqual(wholeDoc);
      }),
      { numRuns: 100 },
    );
  });

  it('accepts CRLF line ends, a BOM and events written without blank lines between them', () => {
    expect(frame(['\ufeff{"a":1}\r\n{"a":2}\r\n']).values.map((v) => v.value)).toEqual([{ a: 1 }, { a: 2 }]);
    expect(frame(['data: {"a":1}\ndata: {"a":2}\n\n']).values.map((v) => v.value)).toEqual([
      { a: 1 },
      { a: 2 },
    ]);
  });

  it("accepts Python's NaN and Infinity outside strings, leaving strings alone", () => {
    const seen = frame(['{"a": NaN, "b": -Infinity, "c": Infinity, "s": "NaN -Infinity"}']);
    expect(seen.values[0]!.value).toEqual({ a: 'NaN', b: '-inf', c: 'inf', s: 'NaN -Infinity' });
  });

  it('reports invalid JSON with the line and an excerpt', () => {
    const run = () => frame(['{"a":1}\n{"b":2}\n{"c": oops}\n']);
    expect(run).toThrow(InvalidJsonError);
    expect(run).toThrow(/line 3\).*unexpected character "o".*oops/);
    try {
      frame(['{\n  "a": 1,\n  "b": [1, 2,, 3]\n}\n']);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidJsonError);
      expect((error as InvalidJsonError).line).toBe(3);
    }
    expect.assertions(4);
  });

  it('fails an SSE event at its first undecodable data line, before its blank line comes', () => {
    const sink = { value: () => undefined, done: () => undefined };
    const junk = createFramer(sink);
    expect(() => junk.write('data: {garbage\n')).toThrow(/line 1\).*expected a property name.*\{garbage/);
    const later = createFramer(sink);
    later.write('data: {"a":1}\ndata: {"a":2}\n');
    expect(() => later.write('data: {"a": oops}\n')).toThrow(/line 3\).*unexpected character "o"/);
    const multiLine = createFramer(sink);
    multiLine.write('data: {"a":\ndata: 1}\n');
    expect(() => multiLine.write('data: {"b": oops}\n')).not.toThrow();
  });

  it('reads SSE written without blank lines one data line at a time, [DONE] and a cut last line included', () => {
    const lines = 'data: {"a":1}\r\ndata: {"a":2}\r\ndata: [DONE]\r\n';
    const seen = frame([lines]);
    expect(seen.values).toEqual([
      { value: { a: 1 }, event: undefined, line: 1 },
      { value: { a: 2 }, event: undefined, line: 2 },
    ]);
    expect(seen.done).toBe(1);
    const cut = 'data: {"a":1}\ndata: {"a":2}\ndata: {"a":';
    expect(() => frame([cut])).toThrow(/last event at line 3 is cut off/);
    expect(frame([cut], { allowTruncated: true }).values).toHaveLength(2);
    expect(() => frame([`${cut}\ndata: {"a":3}\n`])).toThrow(InvalidJsonError);
  });

  it('limits what one SSE event holds to maxDocumentChars, however it is split into data lines', () => {
    const open = ['data: {"a":\n', ...Array.from({ length: 20 }, () => 'data: {"b":\n')];
    expect(() => frame(open, { maxDocumentChars: 100 })).toThrow(
      /SSE event being read at line 1.*over the limit/,
    );
    const many = Array.from({ length: 50 }, (_, i) => `data: {"i":${i}}\n`);
    expect(frame(many, { maxDocumentChars: 100 }).values).toHaveLength(50);
  });

  it('reports a stream whose last line is cut off, unless allowTruncated', () => {
    expect(() => frame(['{"a":1}\n{"b":[1,2'])).toThrow(TruncatedStreamError);
    expect(() => frame(['{"a":1}\n{"b":[1,2'])).toThrow(/last event at line 2 is cut off/);
    expect(frame(['{"a":1}\n{"b":[1,2'], { allowTruncated: true }).values).toHaveLength(1);
    const sse = fixture('openai-chat.bad-truncated.unrecorded.sse.txt');
    expect(() => frame([sse])).toThrow(/last event at line 11 is cut off/);
    expect(frame([sse], { allowTruncated: true }).values).toHaveLength(4);
  });

  it('enforces maxDocumentChars on a whole document only', () => {
    const doc = `{\n"x": "${'a'.repeat(200)}"\n}`;
    expect(() => frame([doc], { maxDocumentChars: 100 })).toThrow(InputTooLargeError);
    expect(() => frame([doc], { maxDocumentChars: 100 })).toThrow(
      /at least \d+ characters is over the limit of 100 characters.*streams \(SSE events or JSON lines\) have no such limit/,
    );
    const lines = Array.from({ length: 50 }, (_, i) => `{"i":${i}}\n`);
    expect(frame(lines, { maxDocumentChars: 100 }).values).toHaveLength(50);
  });

  it('says when the input is empty', () => {
    expect(() => frame([])).toThrow(EmptyInputError);
    expect(() => frame(['  \n\n \r\n'])).toThrow('input is empty');
  });
});
