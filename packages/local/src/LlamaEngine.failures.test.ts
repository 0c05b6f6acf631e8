import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS_DIR } from '../test/buildLocal.js';
import type { Engine, GenerateRequest } from './Engine.js';
import type { LlamaInternals } from './engine/LlamaInternals.js';
import { loadEngine } from './loadEngine.js';

const STORIES = join(MODELS_DIR, 'stories260K.gguf');

let engine: Engine;
beforeAll(async () => {
  // The sampling calls' path: the native reader (nativeLogits.test.ts) needs no sampleToken call when greedy.
  engine = await loadEngine(STORIES, { contextSize: 128, threads: 1, nativeLogits: false });
});
afterAll(async () => {
  await engine?.close();
});

/** Makes the `n`-th native `sampleToken` call from now on reject (1 = the next one). */
function failSampleCall(n: number): () => void {
  const internals = (engine as unknown as { parts: { internals: LlamaInternals } }).parts.internals;
  const original = internals.sampleToken;
  let calls = 0;
  internals.sampleToken = ((...args: Parameters<typeof original>) => {
    calls++;
    if (calls === n) return Promise.reject(new Error('native sampling failed'));
    return original(...args);
  }) as typeof original;
  return () => {
    internals.sampleToken = original;
  };
}

describe('LlamaEngine when sampling fails inside the decode loop', () => {
  const request: GenerateRequest = {
    prompt: 'Once upon a time',
    temperature: 0,
    maxTokens: 6,
    topLogprobs: 2,
  };

  it.each([
    ['on the prompt (first decode)', 1],
    ['in the middle of the generation', 4],
  ])('rejects the request %s instead of hanging, and the engine stays usable', async (_name, n) => {
    const before = await engine.generate(request);
    const restore = failSampleCall(n);
    try {
      await expect(engine.generate(request)).rejects.toThrow('native sampling failed');
    } finally {
      restore();
    }
    const after = await engine.generate(request);
    expect(after.tokens.map((t) => t.id)).toEqual(before.tokens.map((t) => t.id));
    expect(after.tokens.map((t) => t.logprob)).toEqual(
      before.tokens.map((t) => expect.closeTo(t.logprob!, 5)),
    );
  });

  it('rejects a scoring call whose sampling fails, then scores again', async () => {
    const before = await engine.score('Once upon a time there was', { topLogprobs: 1 });
    const restore = failSampleCall(2);
    try {
      await expect(engine.score('Once upon a time there was', { topLogprobs: 1 })).rejects.toThrow(
        'native sampling failed',
      );
    } finally {
      restore();
    }
    const after = await engine.score('Once upon a time there was', { topLogprobs: 1 });
    expect(after.sumLogprob).toBeCloseTo(before.sumLogprob, 5);
  });
});
