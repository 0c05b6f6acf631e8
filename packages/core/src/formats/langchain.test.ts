import { readFileSync } from 'node:fs';
import type { AIMessageChunk } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analysis/analyze.js';
import { NoLogprobsError } from '../errors/NoLogprobsError.js';
import { TruncatedStreamError } from '../errors/TruncatedStreamError.js';
import type { LogprobResponse } from '../model/Completion.js';
import { langchain } from './langchain.js';
import { parseResponse } from './parseResponse.js';
import { parseStream } from './parseStream.js';

/**
 * LangChain's ChatOpenAI messages, recorded by scripts/recordSdkFixtures.mjs from `tokenscope serve` as
 * `JSON.stringify` writes them, each beside the wire bytes of the same call; the live tests run the
 * real `ChatOpenAI` on those wire bytes (a replaying `fetch`) and hand over its class instances.
 */
const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const json = (name: string): unknown => JSON.parse(fixture(name));

function essence(response: LogprobResponse) {
  const c = response.completions[0]!;
  return {
    text: c.text,
    tokens: c.tokens.map((t) => [t.text, t.logprob, t.top.map((a) => [a.text, a.logprob])]),
  };
}

function replay(body: string, contentType: string): typeof fetch {
  return async () => new Response(body, { headers: { 'content-type': contentType } });
}

function model(wire: string, contentType: string, extra: Record<string, unknown> = {}) {
  return new ChatOpenAI({
    model: 'stories260K',
    apiKey: 'unused',
    configuration: { fetch: replay(wire, contentType) },
    temperature: 0,
    maxTokens: 8,
    maxRetries: 0,
    logprobs: true,
    topLogprobs: 3,
    ...extra,
  });
}

describe('langchain', () => {
  it('detects messages (serialized or not), response_metadata and its logprobs', () => {
    const serialized = json('langchain.invoke-chat.recorded.json') as { kwargs: Record<string, unknown> };
    const metadata = serialized.kwargs.response_metadata as { logprobs: unknown };
    for (const value of [serialized, serialized.kwargs, metadata, metadata.logprobs]) {
      expect(langchain.detect(value)).toBe(true);
    }
    expect(langchain.detect({ content: 'hi' })).toBe(false);
    expect(langchain.detect({ choices: [] })).toBe(false);
  });

  it.each([
    ['langchain.invoke-chat.recorded.json', 'openai-chat.langchain-invoke-wire.recorded.json'],
    ['langchain.stream-chat.recorded.json', 'openai-chat.langchain-stream-wire.recorded.sse.txt'],
  ])('%s has the tokens and values of its wire bytes', (name, wire) => {
    const sdk = parseResponse(json(name) as object);
    const raw = parseResponse(fixture(wire));
    expect(sdk.format).toBe('langchain');
    expect(essence(sdk)).toEqual(essence(raw));
    expect(sdk).toMatchObject({
      id: raw.id,
      model: 'stories260K',
      completions: [{ finishReason: 'length' }],
    });
  });

  it('says how to ask LangChain for logprobs', () => {
    const message = json('langchain.bad-no-logprobs.recorded.json') as object;
    expect(() => parseResponse(message)).toThrow(NoLogprobsError);
    expect(() => parseResponse(message)).toThrow('logprobs: true, topLogprobs: 5');
  });

  it('needs a chunk with a finish_reason unless allowTruncated', () => {
    const chunks = json('langchain.stream-chat.recorded.json') as unknown[];
    const cut = chunks.slice(0, 5);
    expect(() => parseResponse(cut)).toThrow(TruncatedStreamError);
    expect(parseResponse(cut, { allowTruncated: true }).completions[0]!.text).toBe(' Ann');
  });

  it('names the path of a bad value', () => {
    const message = json('langchain.invoke-chat.recorded.json') as {
      kwargs: { response_metadata: { logprobs: { content: Array<{ logprob: unknown }> } } };
    };
    message.kwargs.response_metadata.logprobs.content[1]!.logprob = 0.5;
    expect(() => parseResponse(message)).toThrow('kwargs.response_metadata.logprobs.content[1].logprob');
  });
});

describe('ChatOpenAI live, on the recorded wire bytes', () => {
  const wire = fixture('openai-chat.langchain-invoke-wire.recorded.json');
  const streamWire = fixture('openai-chat.langchain-stream-wire.recorded.sse.txt');

  it('analyze takes the AIMessage of invoke', async () => {
    const message = await model(wire, 'application/json').invoke('Once upon a time');
    expect(analyze(message).text).toBe(message.text);
    expect(essence(parseResponse(message))).toEqual(essence(parseResponse(wire)));
    expect(essence(parseResponse(message.response_metadata))).toEqual(essence(parseResponse(wire)));
  });

  it('parseStream takes the stream of AIMessageChunks; parseResponse their concat', async () => {
    const expected = essence(parseResponse(streamWire));
    const stream = await model(streamWire, 'text/event-stream', { streaming: true }).stream(
      'Once upon a time',
    );
    expect(essence(await parseStream(stream))).toEqual(expected);
    let joined: AIMessageChunk | undefined;
    for await (const chunk of await model(streamWire, 'text/event-stream').stream('Once upon a time')) {
      joined = joined ? joined.concat(chunk) : chunk;
    }
    expect(essence(parseResponse(joined!))).toEqual(expected);
  });

  it('reads the Response in response_metadata with useResponsesApi', async () => {
    const responsesWire = fixture('openai-responses.ai-sdk-generate-text-wire.recorded.json');
    const message = await model(responsesWire, 'application/json', {
      useResponsesApi: true,
      logprobs: undefined,
      topLogprobs: undefined,
      modelKwargs: { include: ['message.output_text.logprobs'], top_logprobs: 3 },
    }).invoke('Once upon a time');
    const parsed = parseResponse(message);
    expect(parsed.format).toBe('langchain');
    expect(essence(parsed)).toEqual(essence(parseResponse(responsesWire)));
  });

  it('parseStream takes a useResponsesApi stream', async () => {
    const wire = fixture('openai-responses.openai-node-stream-wire.recorded.sse.txt');
    const stream = model(wire, 'text/event-stream', {
      useResponsesApi: true,
      streaming: true,
      logprobs: undefined,
      topLogprobs: undefined,
      modelKwargs: { include: ['message.output_text.logprobs'], top_logprobs: 3 },
    }).stream('Once upon a time');
    const parsed = await parseStream(stream);
    expect(parsed.format).toBe('langchain');
    expect(essence(parsed)).toEqual(essence(parseResponse(wire)));
  });
});
