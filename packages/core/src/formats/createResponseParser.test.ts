import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Token } from '../model/Token.js';
import { createResponseParser } from './createResponseParser.js';
import { createSseDecoder, type SseEvent } from './createSseDecoder.js';
import { parseResponse } from './parseResponse.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

function sseEvents(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  const decoder = createSseDecoder({ onEvent: (event) => events.push(event) });
  decoder.write(text);
  decoder.end();
  return events;
}

/** The generated tokens of a parsed response, in order, with their completion index. */
const generated = (text: string) =>
  parseResponse(text).completions.flatMap((c) => c.tokens.map((t) => [t.logprob, c.index]));

const STREAMS = [
  'openai-chat.stream-emoji.unrecorded.sse.txt',
  'openai-completions.stream.unrecorded.sse.txt',
  'openai-completions.tokenscope-serve-echo-stream.recorded.sse.txt',
  'openai-responses.stream-fffd.unrecorded.sse.txt',
  'gemini.stream-generate-content.unrecorded.sse.txt',
  'tgi.top-tokens-stream.unrecorded.sse.txt',
  'together.chat-stream.unrecorded.sse.txt',
];

describe('createResponseParser fed decoded events', () => {
  it.each(STREAMS)('gives what the text gives, and each token to onToken as its event comes: %s', (name) => {
    const text = fixture(name);
    const seen: Array<[Token, number]> = [];
    const parser = createResponseParser({ onToken: (token, index) => seen.push([token, index]) });
    let before = 0;
    let grew = 0;
    for (const event of sseEvents(text)) {
      parser.event(event);
      if (seen.length > before) grew++;
      before = seen.length;
    }
    expect(parser.end()).toEqual(parseResponse(text));
    expect(seen.map(([t, i]) => [t.logprob, i])).toEqual(generated(text));
    expect(grew).toBeGreaterThan(1);
  });

  it('reads parsed JSON values (JSON lines) the same way', () => {
    const text = fixture('ollama.generate-stream.unrecorded.jsonl');
    let tokens = 0;
    const parser = createResponseParser({ onToken: () => tokens++ });
    for (const line of text.split('\n')) if (line.trim() !== '') parser.value(JSON.parse(line));
    expect(parser.end()).toEqual(parseResponse(text));
    expect(tokens).toBe(generated(text).length);
  });

  it('reads an event of several JSON lines (no blank lines between them) line by line', () => {
    const text = fixture('openai-chat.stream-emoji.unrecorded.sse.txt');
    const data = sseEvents(text).map((e) => e.data);
    const parser = createResponseParser();
    parser.event({ data: data.join('\n'), event: undefined, line: 1 });
    expect(parser.end()).toEqual(parseResponse(text));
  });

  it('names the line of an event that is not JSON, and refuses to mix text and events', () => {
    const parser = createResponseParser();
    expect(() => parser.event({ data: '{oops', event: undefined, line: 7 })).toThrow(
      /input is not valid JSON \(line 7\)/,
    );
    const mixed = createResponseParser();
    mixed.write('data: {"choices":[]}\n\n');
    expect(() => mixed.event({ data: '{}', event: undefined, line: 3 })).toThrow(/not both/);
  });

  it('calls onToken when parsing written text too', () => {
    const text = fixture('openai-chat.stream-emoji.unrecorded.sse.txt');
    let tokens = 0;
    parseResponse(text, { onToken: () => tokens++ });
    expect(tokens).toBe(generated(text).length);
  });
});
