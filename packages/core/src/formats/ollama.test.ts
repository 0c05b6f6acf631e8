import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NoLogprobsError } from '../errors/NoLogprobsError.js';
import { TruncatedStreamError } from '../errors/TruncatedStreamError.js';
import type { ParseOptions } from './FormatParser.js';
import { ollama } from './ollama.js';
import { parseResponse } from './parseResponse.js';

/** Reads a fixture as the JSON values a framer would push (one per JSON line, or one document). */
function values(name: string): unknown[] {
  const text = readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
  if (!name.endsWith('.jsonl')) return [JSON.parse(text)];
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
}

function parseValues(input: unknown[], options?: ParseOptions) {
  const acc = ollama.accumulate(options);
  for (const v of input) acc.push(v);
  return acc.finish();
}

const parse = (name: string, options?: ParseOptions) => parseValues(values(name), options);

describe('ollama', () => {
  it('reads /api/generate with exact values and repairs the split emoji from the response text', () => {
    const r = parse('ollama.generate.unrecorded.json');
    expect(r.model).toBe('gemma3:1b');
    const c = r.completions[0]!;
    expect(c.distribution).toBe('raw');
    expect(c.finishReason).toBe('stop');
    expect(c.text).toBe('Hi 👋');
    expect(c.tokens.map((t) => t.text)).toEqual(['Hi', ' ', '', '👋']);
    expect(c.tokens.map((t) => t.logprob)).toEqual([-0.2231, -0.0513, -0.6932, -0.0101]);
    expect(c.tokens[2]!.rawText).toBe('\ufffd');
    expect(c.tokens[2]!.utf8Group).toEqual([2, 4]);
    expect(c.tokens[0]!.top.map((a) => [a.text, a.logprob])).toEqual([
      ['Hi', -0.2231],
      ['Hello', -1.6094],
    ]);
    expect(c.topK).toBe(2);
  });

  it('gives the same completion from the NDJSON stream (a chunk with logprobs and empty text)', () => {
    const stream = parse('ollama.generate-stream.unrecorded.jsonl');
    expect(stream).toEqual(parse('ollama.generate.unrecorded.json'));
  });

  it('parses the NDJSON text through parseResponse (detection and framing) to the same result', () => {
    const text = readFileSync(
      new URL('./__fixtures__/ollama.generate-stream.unrecorded.jsonl', import.meta.url),
      'utf8',
    );
    expect(parseResponse(text)).toEqual(parse('ollama.generate.unrecorded.json'));
  });

  it('reads /api/chat (message.content) like /api/generate', () => {
    expect(parse('ollama.chat.unrecorded.json')).toEqual(parse('ollama.generate.unrecorded.json'));
  });

  it('says what to request when logprobs are missing', () => {
    const run = () => parse('ollama.bad-no-logprobs.unrecorded.json');
    expect(run).toThrow(NoLogprobsError);
    expect(run).toThrow('"logprobs": true, "top_logprobs": 5');
  });

  it('names the path of a positive logprob', () => {
    expect(() => parse('ollama.bad-positive-logprob.unrecorded.json')).toThrow(
      'invalid value at logprobs[1].top_logprobs[1].logprob: a logprob cannot be positive, got 0.7',
    );
  });

  it('names the chunk of a bad value in a stream', () => {
    const lines = values('ollama.generate-stream.unrecorded.jsonl') as Array<Record<string, unknown>>;
    const bad = structuredClone(lines);
    (bad[2]!.logprobs as Array<Record<string, unknown>>)[0]!.logprob = Number.NaN;
    expect(() => parseValues(bad)).toThrow(
      'invalid value at (chunk 3) logprobs[0].logprob: expected a logprob, got NaN',
    );
  });

  it('rejects a stream without its done line unless allowTruncated', () => {
    const lines = values('ollama.generate-stream.unrecorded.jsonl').slice(0, 2);
    expect(() => parseValues(lines)).toThrow(TruncatedStreamError);
    expect(parseValues(lines, { allowTruncated: true }).completions[0]!.text).toBe('Hi ');
  });

  it('detects native Ollama shapes only', () => {
    expect(ollama.detect(values('ollama.generate.unrecorded.json')[0])).toBe(true);
    expect(ollama.detect(values('ollama.chat.unrecorded.json')[0])).toBe(true);
    expect(ollama.detect(values('ollama.generate-stream.unrecorded.jsonl')[0])).toBe(true);
    expect(ollama.detect({ object: 'chat.completion', choices: [], created_at: 1, done: true })).toBe(false);
    expect(ollama.detect({ content: 'x', completion_probabilities: [] })).toBe(false);
  });
});
