import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EmptyInputError } from '../errors/EmptyInputError.js';
import { FormatMismatchError } from '../errors/FormatMismatchError.js';
import { InputTooLargeError } from '../errors/InputTooLargeError.js';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { InvalidValueError } from '../errors/InvalidValueError.js';
import { UnknownFormatError } from '../errors/UnknownFormatError.js';
import { createResponseParser } from './createResponseParser.js';
import { detectFormat } from './detectFormat.js';
import { parseResponse } from './parseResponse.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('parseResponse', () => {
  it('parses the seed response with detection', () => {
    const r = parseResponse(fixture('openai-chat.seed003.recorded.json'));
    expect(r.format).toBe('openai-chat');
    expect(r.model).toBe('gpt-4o-2024-08-06');
    expect(r.id).toBe('chatcmpl-123...');
    const [c] = r.completions;
    expect(c!.text).toBe('Andrzej Duda');
    expect(c!.tokens.map((t) => t.logprob)).toEqual([-0.000035, -0.00021, -0.004, -0.0012]);
    expect(c!.tokens[0]!.top.map((a) => [a.text, a.logprob])).toEqual([
      ['And', -0.000035],
      ['The', -11.4],
    ]);
    expect(c!.finishReason).toBe('stop');
    expect(c!.topK).toBe(2);
  });

  it('treats a top-level array of chunks as a saved stream, and equals the SSE stream', () => {
    const fromArray = parseResponse(fixture('openai-chat.chunks-array.unrecorded.json'));
    const fromSse = parseResponse(fixture('openai-chat.stream-emoji.unrecorded.sse.txt'));
    expect(fromArray).toEqual(fromSse);
    expect(fromSse.completions[0]!.text).toBe('Rust is fun 🦀!');
  });

  it('parses a stream written in small chunks like the whole text', () => {
    const text = fixture('openai-responses.stream-fffd.unrecorded.sse.txt');
    const parser = createResponseParser();
    for (let i = 0; i < text.length; i += 7) parser.write(text.slice(i, i + 7));
    expect(parser.end()).toEqual(parseResponse(text));
  });

  it('describes an unknown shape and lists the formats', () => {
    const run = () => parseResponse('{"id": "x", "object": "thing", "data": [1]}');
    expect(run).toThrow(UnknownFormatError);
    expect(run).toThrow(/an object with keys id, object, data.*openai-chat, openai-responses/);
    expect(() => parseResponse('[1, 2, 3]')).toThrow(/an array of 3 items, the first a number \(1\)/);
    expect(() => parseResponse('{"error": {"message": "Invalid API key"}}')).toThrow(
      /a provider error: "Invalid API key"/,
    );
  });

  it('checks `from`: unknown id, a shape that does not match, and a forced format', () => {
    expect(() => parseResponse('{}', { from: 'nope' as never })).toThrow(InvalidOptionError);
    expect(() => parseResponse('{}', { from: 'nope' as never })).toThrow(
      /unknown format "nope"; expected one of:/,
    );
    const seed = fixture('openai-chat.seed003.recorded.json');
    const mismatch = () => parseResponse(seed, { from: 'openai-responses' });
    expect(mismatch).toThrow(FormatMismatchError);
    expect(mismatch).toThrow(/not in the openai-responses \(OpenAI Responses\) format: it is openai-chat/);
    const azure = fixture('openai-chat.azure-n2.unrecorded.jsonl');
    expect(parseResponse(azure, { from: 'openai-chat' }).completions).toHaveLength(2);
    // vLLM's parser reads the plain OpenAI shape too when asked to, with its own distribution.
    const vllmSplit = fixture('vllm.split-fffd.unrecorded.json');
    expect(parseResponse(vllmSplit, { from: 'openai-chat' }).completions[0]!.distribution).toBe('unknown');
  });

  it('reports empty input and a stream without events', () => {
    expect(() => parseResponse('')).toThrow(EmptyInputError);
    expect(() => parseResponse('data: [DONE]\n\n')).toThrow(
      /input is empty: the stream holds no JSON events/,
    );
  });

  it('applies maxDocumentChars and rejects a bad limit', () => {
    const seed = fixture('openai-chat.seed003.recorded.json');
    expect(() => parseResponse(seed, { maxDocumentChars: 500 })).toThrow(InputTooLargeError);
    expect(() => parseResponse(seed, { maxDocumentChars: 0 })).toThrow(InvalidOptionError);
  });

  it("reports Python's NaN by path and reads -Infinity as a sentinel", () => {
    const run = () => parseResponse(fixture('openai-chat.bad-nan.unrecorded.json'));
    expect(run).toThrow(InvalidValueError);
    expect(run).toThrow(
      'invalid value at choices[0].logprobs.content[1].logprob: expected a logprob, got "NaN"',
    );
    const r = parseResponse(fixture('openai-chat.python-infinity.unrecorded.json'));
    expect(r.completions[0]!.tokens[0]!.top[1]).toMatchObject({ text: 'Ok', logprob: null, raw: '-inf' });
  });

  it('detectFormat returns undefined for shapes no parser knows', () => {
    expect(detectFormat({ hello: 1 })).toBeUndefined();
    expect(detectFormat({ type: 'response.output_text.delta' })?.id).toBe('openai-responses');
    expect(detectFormat({}, 'response.created')?.id).toBe('openai-responses');
  });
});
