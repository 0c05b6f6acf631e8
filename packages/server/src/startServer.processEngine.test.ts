import { join } from 'node:path';
import { type EngineProcess, startEngineProcess } from '@tokenscope/local';
import OpenAI, { InternalServerError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLocal, MODELS_DIR, REPO_ROOT } from '../../local/test/buildLocal.js';
import { type RunningServer, startServer } from './startServer.js';

/**
 * The server in front of the child-process engine (what `tokenscope serve` runs): a real native abort
 * in the model process is a 500 `engine_crashed` that says the request can be retried, and the next
 * request runs on the restarted process. The crashing host (packages/local/test) makes llama.cpp
 * tokenize '#' on TinyStories-656K, which has no byte fallback: a real SIGABRT.
 */

const TINY = join(MODELS_DIR, 'TinyStories-656K-Q8_0.gguf');
let engine: EngineProcess;
let server: RunningServer;
let client: OpenAI;

beforeAll(async () => {
  buildLocal();
  engine = await startEngineProcess(TINY, {
    threads: 1,
    contextSize: 256,
    hostEntry: join(REPO_ROOT, 'packages/local/test/crashingHost.mjs'),
    env: { ...process.env, TOKENSCOPE_TEST_CRASH_MODEL: TINY },
  });
  server = await startServer({ engines: [engine] });
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'x', maxRetries: 0 });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await engine?.close();
});

describe('over the child-process engine', () => {
  it('answers a crash with a retryable 500 engine_crashed, then serves the next request', async () => {
    const chat = (content: string) =>
      client.chat.completions.create({
        model: 'TinyStories-656K-Q8_0',
        messages: [{ role: 'user', content }],
        max_tokens: 4,
        logprobs: true,
      });
    expect((await chat('Once upon a time')).choices[0]!.logprobs!.content!.length).toBeGreaterThan(0);

    const crash = await chat('### Human: hi').catch((e: unknown) => e);
    expect(crash).toBeInstanceOf(InternalServerError);
    const error = crash as InternalServerError;
    expect(error.status).toBe(500);
    expect(error.code).toBe('engine_crashed');
    expect(error.type).toBe('engine_error');
    expect(error.message).toMatch(/it was restarted: retry the request/);

    const after = await chat('Once upon a time');
    expect(after.choices[0]!.logprobs!.content!.length).toBeGreaterThan(0);
  });
});
