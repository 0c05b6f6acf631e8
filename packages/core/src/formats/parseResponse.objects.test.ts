import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analysis/analyze.js';
import { NoLogprobsError } from '../errors/NoLogprobsError.js';
import { UnknownFormatError } from '../errors/UnknownFormatError.js';
import { UnsupportedInputError } from '../errors/UnsupportedInputError.js';
import { isLogprobResponse } from './isLogprobResponse.js';
import { parseResponse } from './parseResponse.js';

/** `parseResponse` and `analyze` take objects as SDKs hand them out, not only text. */
const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('parseResponse on objects', () => {
  it('parses a response object as its JSON text', () => {
    const text = fixture('openai-chat.tokenscope-serve-stories260k.recorded.json');
    expect(parseResponse(JSON.parse(text) as object)).toEqual(parseResponse(text));
  });

  it('parses the Python SDK’s model_dump() (every field, None as null) as the wire response', () => {
    for (const format of ['openai-chat', 'openai-responses']) {
      const dump = JSON.parse(fixture(`${format}.python-model-dump.recorded.json`)) as object;
      const wire = parseResponse(fixture(`${format}.python-model-dump-wire.recorded.json`));
      expect(parseResponse(dump)).toEqual(wire);
      expect(wire.format).toBe(format);
    }
    const dump = JSON.parse(fixture('openai-chat.python-model-dump.recorded.json'));
    expect(dump.choices[0].message).toMatchObject({ audio: null, function_call: null, tool_calls: null });
  });

  it('takes a sync iterable of chunks (a generator) and an array of text pieces', () => {
    const chunks = JSON.parse(fixture('openai-chat.openai-node-stream.recorded.json')) as object[];
    const expected = parseResponse(chunks);
    expect(
      parseResponse(
        (function* () {
          yield* chunks;
        })(),
      ),
    ).toEqual(expected);
    const wire = fixture('openai-chat.openai-node-stream-wire.recorded.sse.txt');
    expect(parseResponse(wire.split(/(?<=\n)/))).toEqual(parseResponse(wire));
  });

  it('says what came when it is no response', () => {
    const cases: Array<[unknown, string]> = [
      [42, 'got a number (42)'],
      [null, 'got null'],
      [undefined, 'got undefined'],
      [true, 'got a boolean (true)'],
      [Promise.resolve({}), 'got a Promise: await it first'],
      [(async function* () {})(), 'got an async iterable (a stream): use await parseStream(input)'],
      [new Uint8Array([123]), 'got bytes (a Uint8Array): decode them to text first (TextDecoder)'],
      [[{ choices: [] }, 7], 'array item [1]: got a number (7)'],
      [
        (function* () {
          yield 'x';
          yield 3;
        })(),
        'stream chunk [1]: got a number (3)',
      ],
    ];
    for (const [input, message] of cases) {
      let error: unknown;
      try {
        parseResponse(input as object);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UnsupportedInputError);
      expect((error as Error).message).toBe(
        `expected a response (an object or its JSON text) or an iterable of stream chunks (objects or strings); ${message}`,
      );
    }
  });

  it('names an object no format claims, and one without logprobs', () => {
    expect(() => parseResponse({ hello: 1 })).toThrow(UnknownFormatError);
    expect(() => parseResponse({ hello: 1 })).toThrow('unknown response shape (an object with keys hello)');
    const dump = JSON.parse(fixture('openai-chat.python-model-dump.recorded.json'));
    dump.choices[0].logprobs = null;
    expect(() => parseResponse(dump)).toThrow(NoLogprobsError);
  });
});

describe('analyze', () => {
  it('takes a parsed response, or anything parseResponse takes', () => {
    const text = fixture('openai-chat.python-model-dump.recorded.json');
    const response = parseResponse(text);
    expect(isLogprobResponse(response)).toBe(true);
    expect(isLogprobResponse(JSON.parse(text))).toBe(false);
    const expected = analyze(response);
    expect(analyze(JSON.parse(text) as object)).toEqual(expected);
    expect(analyze(text)).toEqual(expected);
    expect(expected.text).toBe(' Anna, A');
  });
});
