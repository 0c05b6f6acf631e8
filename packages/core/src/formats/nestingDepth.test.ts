import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidValueError } from '../errors/InvalidValueError.js';
import { NestingTooDeepError } from '../errors/NestingTooDeepError.js';
import { UnknownFormatError } from '../errors/UnknownFormatError.js';
import { MAX_JSON_DEPTH, nestingDepth, nestsDeeperThan } from './nestingDepth.js';
import { parseResponse } from './parseResponse.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

/** What `run` throws (fails when it returns). */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('nestingDepth', () => {
  it('counts brackets outside strings, on broken text too', () => {
    expect(nestingDepth('')).toBe(0);
    expect(nestingDepth('{"a":[1,{"b":[]}]}')).toBe(4);
    expect(nestingDepth('["[[[[", "\\"[[["]')).toBe(1);
    expect(nestingDepth('[[[')).toBe(3);
    expect(nestingDepth(']]]{')).toBe(1);
  });
});

describe('deeply nested input', () => {
  it.each([5_000, 20_000, 100_000])('names the depth of %i unclosed arrays, not a stack overflow', (n) => {
    const error = thrown(() => parseResponse('['.repeat(n)));
    expect(error).toBeInstanceOf(NestingTooDeepError);
    expect(error).toMatchObject({ code: 'nesting_too_deep', status: 400, depth: n, line: 1 });
    expect((error as Error).message).toBe(
      `input nests ${n} levels deep (line 1); the limit is ${MAX_JSON_DEPTH} levels ` +
        '(no response format nests arrays and objects that deep)',
    );
  });

  it('names the depth of unclosed objects and of a broken document on several lines', () => {
    expect(() => parseResponse('{"a":'.repeat(5_000))).toThrow('input nests 5000 levels deep (line 1)');
    expect(() => parseResponse(`{\n"choices":\n${'{"a":['.repeat(3_000)}x`)).toThrow(
      'input nests 6001 levels deep (line 3)',
    );
  });

  it('rejects a deep line of a JSON lines stream, even with allowTruncated', () => {
    const line = fixture('ollama.generate-stream.unrecorded.jsonl').split('\n')[0]!;
    const deep = '[{"a":'.repeat(10_000);
    for (const allowTruncated of [false, true]) {
      expect(() => parseResponse(`${line}\n${deep}\n`, { allowTruncated })).toThrow(
        'input nests 20000 levels deep (line 2)',
      );
      expect(() => parseResponse(`${line}\n${deep}`, { allowTruncated })).toThrow(NestingTooDeepError);
    }
  });

  it('rejects a deep SSE event', () => {
    const sse = `data: {"id":"x","object":"chat.completion.chunk","choices":[]}\n\ndata: ${'['.repeat(50_000)}\n\n`;
    expect(() => parseResponse(sse)).toThrow('input nests 50000 levels deep (line 3)');
  });

  it('answers valid deep JSON with its shape, and deep Gemini fields with the limit', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(() => parseResponse(deep)).toThrow(UnknownFormatError);
    const gemini = JSON.parse(fixture('gemini.generate-content.unrecorded.json'));
    const text = JSON.stringify(gemini).replace(/^\{/, `{"extra":${deep},`);
    const error = thrown(() => parseResponse(text));
    expect(error).toBeInstanceOf(NestingTooDeepError);
    expect((error as Error).message).toMatch(/^input nests deeper than 256 levels; the limit is 256 levels/);
  });

  it('still reads JSON that nests up to the limit', () => {
    const atLimit = `${'['.repeat(MAX_JSON_DEPTH)}1${']'.repeat(MAX_JSON_DEPTH)}`;
    expect(() => parseResponse(atLimit)).toThrow(UnknownFormatError);
    expect(() => parseResponse(`${'['.repeat(MAX_JSON_DEPTH - 1)}{`)).toThrow(/not valid JSON/);
  });
});

describe('nestsDeeperThan', () => {
  it('counts arrays and objects, not scalars, and never overflows the stack', () => {
    expect(nestsDeeperThan(1, 0)).toBe(false);
    expect(nestsDeeperThan([], 0)).toBe(true);
    expect(nestsDeeperThan({ a: [1, { b: 2 }] }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: [1, { b: 2 }] }, 2)).toBe(true);
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = { items: deep };
    expect(nestsDeeperThan(deep, MAX_JSON_DEPTH)).toBe(true);
  });
});

describe('deep values whose brackets are closed', () => {
  it('a token or alternative whose bytes nest 5,000 levels is an InvalidValueError, not a stack overflow', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    // Built as text: JSON.stringify itself would overflow on such a value.
    const response = (bytes: string, altBytes: string) =>
      `{"object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"logprobs":{"content":[{"token":"Hi","logprob":-0.1,"bytes":${bytes},"top_logprobs":[{"token":"Hi","logprob":-0.1,"bytes":${altBytes}}]}]},"finish_reason":"stop"}]}`;
    expect(() => parseResponse(response(deep, '[72,105]'))).toThrow(
      'invalid value at choices[0].logprobs.content[0].bytes: expected byte values 0..255, got an array of 1 item, the first an array',
    );
    expect(() => parseResponse(response('[72,105]', deep))).toThrow(InvalidValueError);
  });
});
