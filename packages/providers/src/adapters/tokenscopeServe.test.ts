import { fileURLToPath } from 'node:url';
import { parseResponse } from '@tokenscope/core';
import { type Engine, loadEngine } from '@tokenscope/local';
import { type RunningServer, startServer } from '@tokenscope/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamError } from '../errors/UpstreamError.js';
import type { EndpointOptions, LogprobRequest } from '../Provider.js';
import { openaiChat } from './openaiChat.js';
import { openaiCompletions } from './openaiCompletions.js';

/**
 * The OpenAI adapters against a real OpenAI-compatible upstream: `tokenscope serve`'s app on
 * stories260K (one thread, short greedy generations). A tee on fetch keeps the bytes the server sent;
 * the adapter's result must be exactly core's parse of those bytes, and carry the server's values.
 */

const MODELS_DIR =
  process.env.TOKENSCOPE_MODELS_DIR ??
  fileURLToPath(new URL('../../../../../shared/models/', import.meta.url));

let engine: Engine;
let server: RunningServer;
let sent: Promise<string>[] = [];

beforeAll(async () => {
  engine = await loadEngine(`${MODELS_DIR.replace(/\/?$/, '/')}stories260K.gguf`, { threads: 1 });
  server = await startServer({ engines: [engine], apiKey: 'serve-key' });
});

afterAll(async () => {
  await server?.close();
  await engine?.close();
});

const teeFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const text = response.clone().text();
  text.catch(() => {}); // a test that never asks for the bytes must not see an unhandled rejection
  sent.push(text);
  return response;
};

function endpoint(): EndpointOptions {
  sent = [];
  return { baseURL: `${server.url}/v1`, apiKey: 'serve-key', fetch: teeFetch, timeoutMs: 30_000 };
}

const chat: LogprobRequest = {
  model: 'stories260K',
  messages: [{ role: 'user', content: 'Once upon a time' }],
  topLogprobs: 3,
  maxTokens: 12,
  temperature: 0,
};
const completion: LogprobRequest = {
  model: 'stories260K',
  prompt: 'Once upon a time',
  topLogprobs: 2,
  maxTokens: 10,
  temperature: 0,
};

async function bytesSent(): Promise<string> {
  expect(sent).toHaveLength(1);
  return sent[0]!;
}

describe('openai-chat against tokenscope serve', () => {
  it('returns the logprobs the server sent', async () => {
    const result = await openaiChat.complete(endpoint(), chat);
    const raw = await bytesSent();
    expect(result).toEqual(parseResponse(raw));
    const wire = JSON.parse(raw).choices[0].logprobs.content as Array<{
      logprob: number;
      top_logprobs: unknown[];
    }>;
    const tokens = result.completions[0]!.tokens;
    expect(tokens.map((t) => t.logprob)).toEqual(wire.map((w) => w.logprob));
    expect(tokens.every((t) => t.top.length === 3)).toBe(true);
    expect(result.format).toBe('openai-chat');
    expect(result.completions[0]!.distribution).toBe('raw');
  });

  it('streams the same, token by token', async () => {
    const seen: number[] = [];
    const result = await openaiChat.complete(endpoint(), chat, {
      stream: true,
      onToken: (t) => seen.push(t.logprob ?? Number.NaN),
    });
    const raw = await bytesSent();
    expect(raw).toContain('data: [DONE]');
    expect(result).toEqual(parseResponse(raw));
    expect(seen).toEqual(result.completions[0]!.tokens.map((t) => t.logprob));
    expect(seen.length).toBeGreaterThan(0);
  });
});

describe('openai-completions against tokenscope serve', () => {
  it('returns the logprobs the server sent, prompt included with echo', async () => {
    const result = await openaiCompletions.complete(endpoint(), { ...completion, echo: true });
    const raw = await bytesSent();
    expect(result).toEqual(parseResponse(raw));
    const wire = JSON.parse(raw).choices[0].logprobs.token_logprobs as Array<number | null>;
    const c = result.completions[0]!;
    expect([...c.prompt!, ...c.tokens].map((t) => t.raw ?? t.logprob)).toEqual(wire);
    expect(c.prompt!.length).toBeGreaterThan(0);
  });

  it('streams the same', async () => {
    let count = 0;
    const result = await openaiCompletions.complete(endpoint(), completion, {
      stream: true,
      onToken: () => count++,
    });
    expect(result).toEqual(parseResponse(await bytesSent()));
    expect(count).toBe(result.completions[0]!.tokens.length);
  });

  it('an unknown model is a NotFound-style API error, and the key stays out of it', async () => {
    const error = (await openaiCompletions
      .complete(endpoint(), { ...completion, model: 'nope' })
      .catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(UpstreamError);
    expect([400, 404]).toContain((error as UpstreamError).upstreamStatus);
    expect(error.message).toContain('nope');
    expect(error.message).not.toContain('serve-key');
  });
});
