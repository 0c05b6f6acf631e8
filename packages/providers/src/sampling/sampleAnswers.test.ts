import { fileURLToPath } from 'node:url';
import { InvalidOptionError } from '@tokenscope/core';
import { type Engine, loadEngine } from '@tokenscope/local';
import { type RunningServer, startServer } from '@tokenscope/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RefusingUpstream, startRefusingUpstream } from '../../test/startRefusingUpstream.js';
import { openaiChat } from '../adapters/openaiChat.js';
import { openaiCompletions } from '../adapters/openaiCompletions.js';
import { LogprobsUnsupportedError } from '../errors/LogprobsUnsupportedError.js';
import type { LogprobRequest } from '../Provider.js';
import { completeRetryingTemperature } from './completeRetryingTemperature.js';
import { consistencyTemperature } from './consistencyTemperature.js';
import { sampleAnswers } from './sampleAnswers.js';

/**
 * `sampleAnswers` against `tokenscope serve` on stories260K, directly and behind the test upstream
 * (scripts/logprobsRefusingUpstream.mjs) that refuses logprobs with OpenAI's 400 and, like a reasoning
 * model, refuses any temperature but 1.
 */

const MODELS_DIR =
  process.env.TOKENSCOPE_MODELS_DIR ??
  fileURLToPath(new URL('../../../../../shared/models/', import.meta.url));

let engine: Engine;
let server: RunningServer;
const upstreams: RefusingUpstream[] = [];

beforeAll(async () => {
  engine = await loadEngine(`${MODELS_DIR.replace(/\/?$/, '/')}stories260K.gguf`, { threads: 1 });
  server = await startServer({ engines: [engine] });
}, 60_000);

afterAll(async () => {
  await Promise.all(upstreams.map((u) => u.close()));
  await server?.close();
  await engine?.close();
});

async function upstream(
  mode: 'refuse' | 'drop' | 'pass',
  refuseTemperature = false,
  refuseMaxTokens = false,
) {
  const u = await startRefusingUpstream(`${server.url}/v1`, mode, { refuseTemperature, refuseMaxTokens });
  upstreams.push(u);
  return u;
}

const request: LogprobRequest = {
  model: 'stories260K',
  messages: [{ role: 'user', content: 'Once upon a time' }],
  maxTokens: 8,
  temperature: 0,
};

describe('consistencyTemperature', () => {
  it('is the requested temperature, at least 0.7', () => {
    expect(consistencyTemperature()).toBe(0.7);
    expect(consistencyTemperature(0)).toBe(0.7);
    expect(consistencyTemperature(1.2)).toBe(1.2);
  });
});

describe('sampleAnswers', () => {
  it('asks N times without logprobs at the consistency temperature, with usage and time', async () => {
    const u = await upstream('pass');
    const result = await sampleAnswers(openaiChat, { baseURL: u.baseURL }, request, { samples: 4 });
    expect(result.samples).toHaveLength(4);
    expect(result.samples.every((s) => typeof s.text === 'string' && s.finishReason !== undefined)).toBe(
      true,
    );
    expect(result.temperature).toBe(0.7);
    expect(result.temperatureRefused).toBeUndefined();
    expect(result.cost.requests).toBe(4);
    expect(result.cost.completionTokens).toBeGreaterThan(0);
    expect(result.cost.promptTokens).toBeGreaterThan(0);
    expect(result.cost.ms).toBeGreaterThanOrEqual(0);
    expect(u.log).toEqual(new Array(4).fill('POST /v1/chat/completions logprobs=no temperature=0.7'));
  }, 30_000);

  it('a seed gives the same samples again; different seeds per sample make them differ', async () => {
    const endpoint = { baseURL: `${server.url}/v1` };
    const seeded = { ...request, prompt: 'Once upon a time', maxTokens: 12, seed: 11 };
    const { messages: _m, ...asPrompt } = seeded;
    const a = await sampleAnswers(openaiCompletions, endpoint, asPrompt, { samples: 5 });
    const b = await sampleAnswers(openaiCompletions, endpoint, asPrompt, { samples: 5 });
    expect(b.samples).toEqual(a.samples);
    expect(new Set(a.samples.map((s) => s.text)).size).toBeGreaterThan(1);
  }, 30_000);

  it('behind an endpoint that refuses logprobs and any temperature but 1: samples at its default', async () => {
    const u = await upstream('refuse', true);
    const endpoint = { baseURL: u.baseURL };
    await expect(openaiChat.complete(endpoint, { ...request, temperature: 1 })).rejects.toThrow(
      LogprobsUnsupportedError,
    );
    u.log.length = 0;
    const result = await sampleAnswers(openaiChat, endpoint, request, { samples: 3, concurrency: 1 });
    expect(result.samples).toHaveLength(3);
    expect(result.temperature).toBe(1);
    expect(result.temperatureRefused?.message).toMatch(/temperature.*Only the default \(1\)/);
    // The first request learned it; the others were sent without temperature.
    expect(u.log).toEqual([
      'POST /v1/chat/completions logprobs=no temperature=0.7',
      ...new Array(3).fill('POST /v1/chat/completions logprobs=no temperature=undefined'),
    ]);
    expect(result.cost.requests).toBe(4);
  }, 30_000);

  it('completeRetryingTemperature asks again without a refused temperature, then meets the logprob refusal', async () => {
    const refusing = await upstream('refuse', true);
    const said: string[] = [];
    await expect(
      completeRetryingTemperature(openaiChat, { baseURL: refusing.baseURL }, request, {}, (r) =>
        said.push(r.message),
      ),
    ).rejects.toThrow(LogprobsUnsupportedError);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/'temperature' does not support 0 with this model/);
    expect(refusing.log.slice(-2)).toEqual([
      'POST /v1/chat/completions logprobs=yes temperature=0',
      'POST /v1/chat/completions logprobs=yes temperature=undefined',
    ]);
    // Where logprobs are allowed, the second answer is the response.
    const passing = await upstream('pass', true);
    const response = await completeRetryingTemperature(openaiChat, { baseURL: passing.baseURL }, request);
    expect(response.completions[0]!.tokens.length).toBeGreaterThan(0);
    expect(passing.log).toEqual([
      'POST /v1/chat/completions logprobs=yes temperature=0',
      'POST /v1/chat/completions logprobs=yes temperature=undefined',
    ]);
  }, 30_000);

  it('a server that wants max_completion_tokens (reasoning models) gets it, for logprobs and samples', async () => {
    const u = await upstream('refuse', false, true);
    await expect(openaiChat.complete({ baseURL: u.baseURL }, request)).rejects.toThrow(
      LogprobsUnsupportedError,
    );
    const result = await sampleAnswers(openaiChat, { baseURL: u.baseURL }, request, {
      samples: 2,
      concurrency: 1,
    });
    expect(result.samples).toHaveLength(2);
    expect(result.cost.completionTokens).toBeLessThanOrEqual(16);
    // Each call learns it once per endpoint object; sampleAnswers passes one for every sample.
    expect(u.log).toEqual([
      'POST /v1/chat/completions logprobs=yes temperature=0',
      'POST /v1/chat/completions logprobs=yes temperature=0 max_completion_tokens=8',
      'POST /v1/chat/completions logprobs=no temperature=0.7',
      'POST /v1/chat/completions logprobs=no temperature=0.7 max_completion_tokens=8',
      'POST /v1/chat/completions logprobs=no temperature=0.7 max_completion_tokens=8',
    ]);
  }, 30_000);

  it('an endpoint error stops the sampling with that error', async () => {
    const error = await sampleAnswers(
      openaiChat,
      { baseURL: `${server.url}/v1`, maxRetries: 0 },
      { ...request, model: 'no-such-model' },
      { samples: 3 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/no-such-model/);
  });

  it('needs 2 to 50 samples', async () => {
    for (const samples of [1, 51, 2.5]) {
      await expect(sampleAnswers(openaiChat, { baseURL: server.url }, request, { samples })).rejects.toThrow(
        InvalidOptionError,
      );
    }
    await expect(sampleAnswers(openaiChat, { baseURL: server.url }, request, { samples: 1 })).rejects.toThrow(
      /expected an integer from 2 to 50 \(answers to compare\), got 1/,
    );
  });
});
