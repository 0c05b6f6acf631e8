import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NoLogprobsError } from '../errors/NoLogprobsError.js';
import { TruncatedStreamError } from '../errors/TruncatedStreamError.js';
import { openaiResponses } from './openaiResponses.js';
import { parseResponse } from './parseResponse.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('openaiResponses', () => {
  it('detects Response objects and typed or named events', () => {
    expect(openaiResponses.detect({ object: 'response', output: [] })).toBe(true);
    expect(openaiResponses.detect({ type: 'response.created' })).toBe(true);
    expect(openaiResponses.detect({ sequence_number: 1 }, 'response.output_text.delta')).toBe(true);
    expect(openaiResponses.detect({ object: 'chat.completion' })).toBe(false);
  });

  it('reads output_text logprobs of a whole response', () => {
    const r = parseResponse(fixture('openai-responses.whole.unrecorded.json'));
    expect(r).toMatchObject({ format: 'openai-responses', model: 'gpt-4.1-2025-04-14' });
    const c = r.completions[0]!;
    expect(c.tokens.map((t) => [t.text, t.logprob])).toEqual([
      ['Blue', -0.2],
      [' sky', -0.05],
      ['.', -0.4],
    ]);
    expect(c).toMatchObject({ text: 'Blue sky.', finishReason: 'stop', distribution: 'unknown', topK: 2 });
  });

  it('reads delta events without bytes and repairs U+FFFD from the text', () => {
    const c = parseResponse(fixture('openai-responses.stream-fffd.unrecorded.sse.txt')).completions[0]!;
    expect(c.text).toBe('I 🦀!');
    expect(c.tokens.map((t) => t.text)).toEqual(['I', ' ', '', '🦀', '!']);
    expect(c.tokens[3]!.rawText).toBe('\ufffd');
  });

  it('reads events typed only by their SSE event name, and needs response.completed', () => {
    const text = fixture('openai-responses.stream-fffd.unrecorded.sse.txt').replace(
      /"type":"response\.[^"]+",/g,
      '',
    );
    expect(parseResponse(text).completions[0]!.text).toBe('I 🦀!');
    const cut = text.slice(0, text.indexOf('event: response.completed'));
    expect(() => parseResponse(cut)).toThrow(TruncatedStreamError);
    expect(parseResponse(cut, { allowTruncated: true }).completions[0]!.tokens).toHaveLength(5);
  });

  it('says to include message.output_text.logprobs when there are none', () => {
    const run = () => parseResponse(fixture('openai-responses.bad-no-logprobs.unrecorded.json'));
    expect(run).toThrow(NoLogprobsError);
    expect(run).toThrow('"include": ["message.output_text.logprobs"]');
  });
});
