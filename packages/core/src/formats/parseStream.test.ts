import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { UnsupportedInputError } from '../errors/UnsupportedInputError.js';
import type { LogprobResponse } from '../model/Completion.js';
import { parseResponse } from './parseResponse.js';
import { parseStream } from './parseStream.js';

/**
 * Streams as the official `openai` client hands them out: its real `Stream` objects, made by the client
 * from the recorded wire bytes of scripts/recordSdkFixtures.mjs (a replaying `fetch`), parse as the
 * wire bytes do; so do async iterables of strings. Bad chunks are named.
 */
const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

function client(wire: string): OpenAI {
  const fetch = async () => new Response(wire, { headers: { 'content-type': 'text/event-stream' } });
  return new OpenAI({ apiKey: 'unused', baseURL: 'http://localhost/v1', maxRetries: 0, fetch });
}

/** The response without `bytes`-free differences: what the tokens say. */
function essence(response: LogprobResponse) {
  return response.completions.map((c) => ({
    text: c.text,
    tokens: c.tokens.map((t) => [t.text, t.logprob, t.top.map((a) => [a.text, a.logprob])]),
    finishReason: c.finishReason,
  }));
}

async function* generate<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

describe('parseStream', () => {
  it('takes the openai client’s chat stream (ChatCompletionChunk objects), as it arrives', async () => {
    const wire = fixture('openai-chat.openai-node-stream-wire.recorded.sse.txt');
    const stream = await client(wire).chat.completions.create({
      model: 'stories260K',
      messages: [{ role: 'user', content: 'Once upon a time' }],
      logprobs: true,
      top_logprobs: 3,
      stream: true,
    });
    const seen: string[] = [];
    const response = await parseStream(stream, { onToken: (token) => seen.push(token.text) });
    expect(response).toEqual(parseResponse(wire));
    expect(seen.join('')).toBe(response.completions[0]!.text);
  });

  it('takes the client’s Promise of a stream of completion chunks', async () => {
    const wire = fixture('openai-completions.openai-node-stream-wire.recorded.sse.txt');
    const promise = client(wire).completions.create({
      model: 'stories260K',
      prompt: 'Once upon a time',
      logprobs: 3,
      stream: true,
    });
    expect(await parseStream(promise)).toEqual(parseResponse(wire));
  });

  it('takes the client’s Responses API events', async () => {
    const wire = fixture('openai-responses.openai-node-stream-wire.recorded.sse.txt');
    const stream = await client(wire).responses.create({
      model: 'stories260K',
      input: 'Once upon a time',
      include: ['message.output_text.logprobs'],
      top_logprobs: 3,
      stream: true,
    });
    expect(await parseStream(stream)).toEqual(parseResponse(wire));
  });

  it('equals the saved chunks of the same stream', async () => {
    for (const format of ['openai-chat', 'openai-completions', 'openai-responses']) {
      const chunks = JSON.parse(fixture(`${format}.openai-node-stream.recorded.json`)) as object[];
      const wire = parseResponse(fixture(`${format}.openai-node-stream-wire.recorded.sse.txt`));
      expect(await parseStream(generate(chunks))).toEqual(wire);
      expect(parseResponse(chunks)).toEqual(wire);
    }
  });

  it('takes text in pieces (an async iterable of strings, a ReadableStream)', async () => {
    const wire = fixture('openai-chat.openai-node-stream-wire.recorded.sse.txt');
    const pieces = wire.match(/[\s\S]{1,7}/g)!;
    const expected = essence(parseResponse(wire));
    expect(essence(await parseStream(generate(pieces)))).toEqual(expected);
    expect(
      essence(await parseStream(new Blob([wire]).stream().pipeThrough(new TextDecoderStream()))),
    ).toEqual(expected);
  });

  it('names a chunk that is neither an object nor a string', async () => {
    await expect(parseStream(generate([{ choices: [] }, 42]))).rejects.toThrow(UnsupportedInputError);
    await expect(parseStream(generate([{ choices: [] }, 42]))).rejects.toThrow(
      'stream chunk [1]: got a number (42)',
    );
    await expect(parseStream(generate([null]))).rejects.toThrow('stream chunk [0]: got null');
    await expect(parseStream(generate(['data: {"choices": []}\n\n', { choices: [] }]))).rejects.toThrow(
      'stream chunk [1] is an object after strings',
    );
    await expect(parseStream(new Blob(['{}']).stream())).rejects.toThrow(
      'stream chunk [0]: got bytes (a Uint8Array): decode them to text first (TextDecoder)',
    );
  });
});
