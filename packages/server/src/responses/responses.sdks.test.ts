import { createOpenAI } from '@ai-sdk/openai';
import type { AIMessageChunk } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import type { Engine } from '@tokenscope/local';
import { generateText, streamText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStories } from '../../test/storiesEngine.js';
import { type RunningServer, startServer } from '../startServer.js';

/**
 * The clients that call the Responses API by default, against a real running server on the real
 * engine: the Vercel AI SDK's `openai(model)` and LangChain's `ChatOpenAI` with `useResponsesApi`.
 * Each gets the logprobs where it documents them, and their tokens spell the text it got.
 */

const MODEL = 'stories260K';
const PROMPT = 'Once upon a time';
let engine: Engine;
let server: RunningServer;

beforeAll(async () => {
  engine = await loadStories();
  server = await startServer({ engines: [engine] });
});

afterAll(async () => {
  await server?.close();
  await engine?.close();
});

interface Logprob {
  token: string;
  logprob: number;
  top_logprobs: Array<{ token: string; logprob: number }>;
}

/** stories260K's answers to these prompts are ASCII: the tokens spell the text one by one. */
function expectLogprobsOf(text: string, items: readonly Logprob[], top: number) {
  expect(text.length).toBeGreaterThan(0);
  expect(items.map((i) => i.token).join('')).toBe(text);
  for (const item of items) {
    expect(item.logprob).toBeLessThanOrEqual(0);
    expect(item.top_logprobs).toHaveLength(top);
    expect(item.token).toBe(item.top_logprobs[0]!.token); // greedy
  }
}

describe('Vercel AI SDK: the default openai(model) provider (Responses API)', () => {
  const provider = () => createOpenAI({ baseURL: `${server.url}/v1`, apiKey: 'unused' });
  const options = {
    prompt: PROMPT,
    temperature: 0,
    maxOutputTokens: 12,
    maxRetries: 0,
    providerOptions: { openai: { logprobs: 5 } },
  };

  it('generateText gets providerMetadata.openai.logprobs', async () => {
    const result = await generateText({ model: provider()(MODEL), ...options });
    const logprobs = result.providerMetadata?.openai?.logprobs as unknown as Logprob[][];
    expect(logprobs).toHaveLength(1); // one output_text part
    expectLogprobsOf(result.text, logprobs.flat(), 5);
    expect(result.finishReason).toBe('length');
    expect(result.usage.outputTokens).toBe(12);
    expect(result.response.id).toMatch(/^resp_/);
  });

  it('streamText gets them per delta, for the whole streamed text', async () => {
    const result = streamText({ model: provider()(MODEL), ...options });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    const metadata = await result.providerMetadata;
    const logprobs = metadata?.openai?.logprobs as unknown as Logprob[][];
    expectLogprobsOf(text, logprobs.flat(), 5);
    expect(await result.finishReason).toBe('length');
    const whole = await generateText({ model: provider()(MODEL), ...options });
    expect(text).toBe(whole.text);
  });
});

describe("LangChain's ChatOpenAI with useResponsesApi", () => {
  const model = (streaming: boolean) =>
    new ChatOpenAI({
      model: MODEL,
      apiKey: 'unused',
      configuration: { baseURL: `${server.url}/v1` },
      useResponsesApi: true,
      streaming,
      temperature: 0,
      maxTokens: 12,
      maxRetries: 0,
      modelKwargs: { include: ['message.output_text.logprobs'], top_logprobs: 3 },
    });

  /** The logprobs of the response's output text, as LangChain keeps the response in `response_metadata`. */
  function logprobsOf(metadata: Record<string, unknown>): Logprob[] {
    const output = metadata.output as Array<{ content: Array<{ logprobs: Logprob[] }> }>;
    return output.flatMap((item) => item.content.flatMap((part) => part.logprobs));
  }

  it('invoke gets the logprobs in response_metadata', async () => {
    const message = await model(false).invoke(PROMPT);
    expect(message.response_metadata).toMatchObject({ model: MODEL, status: 'incomplete' });
    expectLogprobsOf(message.text, logprobsOf(message.response_metadata), 3);
    expect(message.usage_metadata?.output_tokens).toBe(12);
  });

  it('stream gets them in the last chunk, for the whole streamed text', async () => {
    let joined: AIMessageChunk | undefined;
    for await (const chunk of await model(true).stream(PROMPT))
      joined = joined ? joined.concat(chunk) : chunk;
    expect(joined).toBeDefined();
    const items = logprobsOf(joined!.response_metadata);
    expectLogprobsOf(joined!.text, items, 3);
    const whole = await model(false).invoke(PROMPT);
    expect(joined!.text).toBe(whole.text);
  });
});
