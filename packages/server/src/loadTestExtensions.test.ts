import { type Engine, loadEngine } from '@tokenscope/local';
import OpenAI, { BadRequestError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS_DIR } from '../test/storiesEngine.js';
import { type RunningServer, startServer } from './startServer.js';

/**
 * `ignore_eos` and `min_tokens`, the extensions vLLM and llama.cpp accept and load-test tools send,
 * through the official client (extra body fields) on TinyStories-656K, which ends "They were happy."
 * at its end-of-story token after a few tokens.
 */
const PROMPT = 'They were happy.';
let engine: Engine;
let server: RunningServer;
let client: OpenAI;

beforeAll(async () => {
  engine = await loadEngine(`${MODELS_DIR.replace(/\/?$/, '/')}TinyStories-656K-Q8_0.gguf`, {
    threads: 1,
    contextSize: 512,
  });
  server = await startServer({ engines: [engine] });
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'unused', maxRetries: 0 });
});

afterAll(async () => {
  await server?.close();
  await engine?.close();
});

const model = 'TinyStories-656K-Q8_0';

describe('load-test extensions on /v1', () => {
  it('completions: ignore_eos runs to max_tokens; min_tokens holds the end back', async () => {
    const free = await client.completions.create({ model, prompt: PROMPT, max_tokens: 40, temperature: 0 });
    expect(free.choices[0]!.finish_reason).toBe('stop');
    const ended = free.usage!.completion_tokens;
    expect(ended).toBeLessThan(40);

    const held = await client.completions.create({
      model,
      prompt: PROMPT,
      max_tokens: 40,
      temperature: 0,
      // @ts-expect-error: an extension the official types do not list; the client sends it as is.
      ignore_eos: true,
    });
    expect(held.choices[0]!.finish_reason).toBe('length');
    expect(held.usage!.completion_tokens).toBe(40);

    const min = await client.completions.create({
      model,
      prompt: PROMPT,
      max_tokens: 40,
      temperature: 0,
      // @ts-expect-error: vLLM's extension
      min_tokens: ended + 1,
    });
    expect(min.usage!.completion_tokens).toBeGreaterThan(ended);
    expect(held.choices[0]!.text.startsWith(min.choices[0]!.text)).toBe(true);
  });

  it('chat, streamed: ignore_eos gives max_tokens chunks of content', async () => {
    const stream = await client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: PROMPT }],
      max_tokens: 24,
      temperature: 0,
      stream: true,
      stream_options: { include_usage: true },
      // @ts-expect-error: an extension
      ignore_eos: true,
    });
    let usage: number | undefined;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      if (chunk.usage) usage = chunk.usage.completion_tokens;
      if (chunk.choices[0]?.finish_reason) finish = chunk.choices[0].finish_reason;
    }
    expect(usage).toBe(24);
    expect(finish).toBe('length');
  });

  it('refuses bad values with a 400 naming the parameter', async () => {
    const bad = async (extra: Record<string, unknown>, max = 10) => {
      try {
        await client.completions.create({ model, prompt: PROMPT, max_tokens: max, ...extra });
      } catch (error) {
        expect(error).toBeInstanceOf(BadRequestError);
        return (error as BadRequestError).error as { message: string; param: string | null };
      }
      throw new Error('expected a 400');
    };
    expect(await bad({ min_tokens: 11 })).toMatchObject({
      param: 'min_tokens',
      message: "Invalid 'min_tokens': expected at most max_tokens (10), got 11",
    });
    expect((await bad({ min_tokens: -2 })).param).toBe('min_tokens');
    expect((await bad({ ignore_eos: 'yes' })).param).toBe('ignore_eos');
    const constrained = await bad({
      ignore_eos: true,
      tokenscope: { constraint: { kind: 'choices', choices: ['yes', 'no'] } },
    });
    expect(constrained.message).toMatch(/ignoreEos: cannot be used with a constraint/);
  });
});
