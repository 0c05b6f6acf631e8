import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS_DIR } from '../test/buildLocal.js';
import type { Engine } from './Engine.js';
import { loadEngine } from './loadEngine.js';
import { sampleEngine } from './sampleEngine.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine(join(MODELS_DIR, 'stories260K.gguf'), { contextSize: 128, threads: 1 });
});
afterAll(async () => {
  await engine?.close();
});

describe('sampleEngine', () => {
  it('draws N answers at the given temperature with seeds seed, seed + 1, ..., and counts what they cost', async () => {
    const done: number[] = [];
    const request = { prompt: 'Once upon a time', maxTokens: 8, topLogprobs: 5, seed: 11 };
    const a = await sampleEngine(engine, request, {
      samples: 3,
      temperature: 0.9,
      onSample: (n) => done.push(n),
    });
    expect(done).toEqual([1, 2, 3]);
    expect(a.samples).toHaveLength(3);
    expect(a.cost.requests).toBe(3);
    expect(a.cost.completionTokens).toBeGreaterThan(0);
    // The same seeds give the same answers; each sample is the request at its own seed.
    const again = await sampleEngine(engine, request, { samples: 3, temperature: 0.9 });
    expect(again.samples.map((s) => s.text)).toEqual(a.samples.map((s) => s.text));
    const second = await engine.generate({
      prompt: 'Once upon a time',
      maxTokens: 8,
      temperature: 0.9,
      seed: 12,
    });
    expect(a.samples[1]!.text).toBe(second.text);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      sampleEngine(
        engine,
        { prompt: 'Once', maxTokens: 4 },
        { samples: 2, temperature: 1, signal: controller.signal },
      ),
    ).rejects.toThrow();
  });
});
