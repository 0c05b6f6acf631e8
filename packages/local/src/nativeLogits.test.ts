import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS_DIR } from '../test/buildLocal.js';
import type { Engine, GenerateRequest } from './Engine.js';
import type { LlamaInternals } from './engine/LlamaInternals.js';
import { loadEngine } from './loadEngine.js';

/**
 * The one-pass native logits reader (built on install by scripts/buildNative.mjs) gives the same
 * tokens and values as node-llama-cpp's sampling calls, on both real models, for every path it
 * takes: greedy without a sampler call, sampled tokens, prompt logprobs, top-k from 0 to 64.
 */
const MODELS = ['stories260K.gguf', 'TinyStories-656K-Q8_0.gguf'];
const engines: Record<string, { native: Engine; calls: Engine }> = {};

beforeAll(async () => {
  for (const file of MODELS) {
    const path = join(MODELS_DIR, file);
    engines[file] = {
      native: await loadEngine(path, { contextSize: 256, threads: 1 }),
      calls: await loadEngine(path, { contextSize: 256, threads: 1, nativeLogits: false }),
    };
  }
});
afterAll(async () => {
  for (const { native, calls } of Object.values(engines)) {
    await native.close();
    await calls.close();
  }
});

describe('the native logits reader', () => {
  it('is used when it was built on install, and says so in the model info', () => {
    const { native, calls } = engines[MODELS[0]!]!;
    if (process.env.TOKENSCOPE_SKIP_NATIVE === '1') {
      expect(native.info.logitsReader).toMatch(/not used/);
    } else {
      expect(native.info.logitsReader).toBe('native');
    }
    expect(calls.info.logitsReader).toBe(
      "node-llama-cpp's sampling calls (the one-pass native reader is not used: switched off (nativeLogits: false))",
    );
  });

  const requests: Array<Omit<GenerateRequest, 'prompt'>> = [
    { temperature: 0, topLogprobs: 0 },
    { temperature: 0, logprobs: false },
    { temperature: 0, topLogprobs: 5 },
    { temperature: 0, topLogprobs: 20, echo: true },
    { temperature: 1, seed: 7, topLogprobs: 20 },
    { temperature: 0.7, topK: 40, topP: 0.9, seed: 3, topLogprobs: 64 },
    { temperature: 0, topLogprobs: 5, ignoreEos: true },
  ];
  for (const file of MODELS) {
    for (const options of requests) {
      it(`${file}: same tokens and values as the sampling calls (${JSON.stringify(options)})`, async () => {
        const { native, calls } = engines[file]!;
        const request: GenerateRequest = { prompt: 'Once upon a time', maxTokens: 24, ...options };
        const a = await native.generate(request);
        const b = await calls.generate(request);
        expect(a.tokens.map((t) => t.id)).toEqual(b.tokens.map((t) => t.id));
        expect(a.text).toBe(b.text);
        const pairs = [
          ...a.tokens.map((t, i) => [t, b.tokens[i]!] as const),
          ...(a.prompt ?? []).map((t, i) => [t, b.prompt![i]!] as const),
        ];
        for (const [x, y] of pairs) {
          // The sampling calls sum the weights in single precision: they differ by up to ~1e-5.
          if (y.logprob === null) expect(x.logprob).toBeNull();
          else expect(Math.abs(x.logprob! - y.logprob)).toBeLessThan(5e-5);
          expect(x.top.length).toBe(y.top.length);
          for (const [j, alt] of x.top.entries()) {
            const other = y.top[j]!;
            expect(Math.abs(alt.logprob! - other.logprob!)).toBeLessThan(5e-5);
            // Equal logits may come in either order; their values agree.
            if (alt.id !== other.id) expect(Math.abs(alt.logprob! - other.logprob!)).toBeLessThan(5e-5);
          }
        }
      });
    }
  }

  it('matches the exact whole-distribution values (double precision) to 1e-6', async () => {
    for (const file of MODELS) {
      const { native, calls } = engines[file]!;
      const request: GenerateRequest = {
        prompt: 'Once upon a time',
        maxTokens: 16,
        temperature: 0,
        echo: true,
      };
      const a = await native.generate({ ...request, topLogprobs: 10 });
      const exact = await calls.generate({ ...request, topLogprobs: 'all' });
      const pairs = [
        ...a.tokens.map((t, i) => [t, exact.tokens[i]!] as const),
        ...a.prompt!.slice(1).map((t, i) => [t, exact.prompt![i + 1]!] as const),
      ];
      for (const [x, y] of pairs) {
        expect(Math.abs(x.logprob! - y.logprob!)).toBeLessThan(1e-6);
        for (const [j, alt] of x.top.entries())
          expect(Math.abs(alt.logprob! - y.top[j]!.logprob!)).toBeLessThan(1e-6);
      }
    }
  });

  it('a failing native read rejects the request instead of hanging, and the engine stays usable', async () => {
    const { native } = engines[MODELS[0]!]!;
    const internals = (native as unknown as { parts: { internals: LlamaInternals } }).parts.internals;
    const reader = internals.nativeLogits;
    if (reader === null) return; // built without the reader: nothing native to fail
    const request: GenerateRequest = {
      prompt: 'Once upon a time',
      temperature: 0,
      maxTokens: 6,
      topLogprobs: 2,
    };
    const before = await native.generate(request);
    const original = reader.read.bind(reader);
    let calls = 0;
    reader.read = (...args) => {
      calls++;
      if (calls === 3) throw new Error('native read failed');
      return original(...args);
    };
    try {
      await expect(native.generate(request)).rejects.toThrow('native read failed');
    } finally {
      reader.read = original;
    }
    const after = await native.generate(request);
    expect(after.tokens.map((t) => t.id)).toEqual(before.tokens.map((t) => t.id));
  });
});
