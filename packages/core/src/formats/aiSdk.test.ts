import { readFileSync } from 'node:fs';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analysis/analyze.js';
import { NoLogprobsError } from '../errors/NoLogprobsError.js';
import { TruncatedStreamError } from '../errors/TruncatedStreamError.js';
import type { LogprobResponse } from '../model/Completion.js';
import { aiSdk } from './aiSdk.js';
import { parseResponse } from './parseResponse.js';
import { parseStream } from './parseStream.js';

/**
 * The Vercel AI SDK's results, recorded by scripts/recordSdkFixtures.mjs from `tokenscope serve`, each
 * beside the wire bytes of the same call: the SDK's view parses to the tokens and values of the wire's.
 * The live tests run the real SDK on those wire bytes (a replaying `fetch`) and hand its objects over.
 */
const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const json = (name: string): unknown => JSON.parse(fixture(name));

/** Text, tokens and values: what the SDK and the wire must agree on (the AI SDK drops `bytes`). */
function essence(response: LogprobResponse) {
  const c = response.completions[0]!;
  return {
    text: c.text,
    tokens: c.tokens.map((t) => [t.text, t.logprob, t.top.map((a) => [a.text, a.logprob])]),
  };
}

/** A `fetch` that answers every request with `body`, as the server did. */
function replay(body: string, contentType: string): typeof fetch {
  return async () => new Response(body, { headers: { 'content-type': contentType } });
}

const options = {
  prompt: 'Once upon a time',
  temperature: 0,
  maxOutputTokens: 8,
  maxRetries: 0,
  providerOptions: { openai: { logprobs: 3 } },
};

describe('aiSdk', () => {
  it('detects results, steps, stream parts, providerMetadata and its logprobs lists', () => {
    const result = json('ai-sdk.generate-text-chat.recorded.json') as {
      steps: Array<Record<string, unknown>>;
    };
    const step = result.steps[0]!;
    const metadata = step.providerMetadata as { openai: { logprobs: unknown[] } };
    for (const value of [result, step, metadata, metadata.openai.logprobs, { type: 'start' }]) {
      expect(aiSdk.detect(value)).toBe(true);
    }
    expect(aiSdk.detect([metadata.openai.logprobs])).toBe(true); // the Responses API's list per text part
    expect(aiSdk.detect({ type: 'response.created' })).toBe(false);
    expect(aiSdk.detect({ type: 'error', sequence_number: 3 })).toBe(false); // a Responses stream's error
    expect(aiSdk.detect({ choices: [] })).toBe(false);
    expect(aiSdk.detect([1, 2])).toBe(false);
  });

  it.each([
    ['ai-sdk.generate-text-chat.recorded.json', 'openai-chat.ai-sdk-generate-text-wire.recorded.json'],
    ['ai-sdk.stream-text-chat.recorded.json', 'openai-chat.ai-sdk-stream-text-wire.recorded.sse.txt'],
    [
      'ai-sdk.generate-text-responses.recorded.json',
      'openai-responses.ai-sdk-generate-text-wire.recorded.json',
    ],
    [
      'ai-sdk.stream-text-responses.recorded.json',
      'openai-responses.ai-sdk-stream-text-wire.recorded.sse.txt',
    ],
  ])('%s has the tokens and values of its wire bytes', (name, wire) => {
    const sdk = parseResponse(json(name) as object);
    const raw = parseResponse(fixture(wire));
    expect(sdk.format).toBe('ai-sdk');
    expect(essence(sdk)).toEqual(essence(raw));
    expect(essence(sdk).text).toBe(' Anna, A');
    expect(sdk).toMatchObject({
      id: raw.id,
      model: 'stories260K',
      completions: [{ finishReason: 'length' }],
    });
  });

  it('reads providerMetadata and its logprobs alone', () => {
    const result = json('ai-sdk.generate-text-responses.recorded.json') as {
      steps: Array<{ providerMetadata: { openai: { logprobs: unknown[][] } } }>;
    };
    const metadata = result.steps[0]!.providerMetadata;
    const whole = essence(parseResponse(result));
    expect(essence(parseResponse(metadata))).toEqual(whole);
    expect(essence(parseResponse(metadata.openai.logprobs))).toEqual(whole);
    expect(essence(parseResponse(metadata.openai.logprobs[0]!))).toEqual(whole);
  });

  it('says how to ask the AI SDK for logprobs', () => {
    const result = json('ai-sdk.bad-no-logprobs.recorded.json') as object;
    expect(() => parseResponse(result)).toThrow(NoLogprobsError);
    expect(() => parseResponse(result)).toThrow(
      'the ai-sdk response has no logprobs: pass providerOptions: { openai: { logprobs: 5 } } to generateText',
    );
  });

  it('needs the finish part of a stream unless allowTruncated', () => {
    const parts = json('ai-sdk.stream-text-chat.recorded.json') as Array<{ type: string }>;
    const cut = parts.filter((part) => part.type !== 'finish');
    expect(() => parseResponse(cut)).toThrow(TruncatedStreamError);
    expect(parseResponse(cut, { allowTruncated: true }).completions[0]!.text).toBe(' Anna, A');
  });

  it('says how a stream without its finish part ended', () => {
    const parts = json('ai-sdk.stream-text-chat.recorded.json') as Array<{ type: string }>;
    const failed = [...parts.slice(0, 5), { type: 'error', error: { message: 'upstream went away' } }];
    expect(() => parseResponse(failed)).toThrow(
      '6 stream parts arrived, the last an error part: upstream went away; pass allowTruncated',
    );
    expect(() => parseResponse([...parts.slice(0, 5), { type: 'abort' }])).toThrow('the last an abort part');
  });

  it('names the path of a bad value inside a step', () => {
    const result = json('ai-sdk.generate-text-chat.recorded.json') as {
      steps: Array<{ providerMetadata: { openai: { logprobs: Array<{ logprob: unknown }> } } }>;
    };
    result.steps[0]!.providerMetadata.openai.logprobs[2]!.logprob = 'low';
    expect(() => parseResponse(result)).toThrow('steps[0].providerMetadata.openai.logprobs[2].logprob');
  });
});

describe('the AI SDK live, on the recorded wire bytes', () => {
  const chatWire = fixture('openai-chat.ai-sdk-generate-text-wire.recorded.json');
  const chatStream = fixture('openai-chat.ai-sdk-stream-text-wire.recorded.sse.txt');

  it('analyze takes a generateText result (a class instance with getters)', async () => {
    const openai = createOpenAI({ apiKey: 'unused', fetch: replay(chatWire, 'application/json') });
    const result = await generateText({ model: openai.chat('stories260K'), ...options });
    const analysis = analyze(result);
    expect(analysis.text).toBe(result.text);
    expect(analysis.source).toMatchObject({ format: 'ai-sdk', model: 'stories260K' });
    expect(essence(parseResponse(result))).toEqual(essence(parseResponse(chatWire)));
  });

  it('parseStream takes fullStream, and the streamText result itself', async () => {
    const openai = createOpenAI({ apiKey: 'unused', fetch: replay(chatStream, 'text/event-stream') });
    const wire = essence(parseResponse(chatStream));
    const seen: string[] = [];
    const fromParts = await parseStream(
      streamText({ model: openai.chat('stories260K'), ...options }).fullStream,
      {
        onToken: (token) => seen.push(token.text),
      },
    );
    expect(essence(fromParts)).toEqual(wire);
    expect(seen.join('')).toBe(' Anna, A');
    const result = streamText({ model: openai.chat('stories260K'), ...options });
    expect(() => parseResponse(result)).toThrow('use await parseStream(result)');
    expect(essence(await parseStream(result))).toEqual(wire);
  });
});
