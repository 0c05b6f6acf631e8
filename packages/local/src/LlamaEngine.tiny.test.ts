import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS_DIR } from '../test/buildLocal.js';
import type { Engine } from './Engine.js';
import { loadEngine } from './loadEngine.js';

/** 2,048-token vocabulary without byte fallback: '#' would abort the process in llama.cpp's tokenizer. */
const TINY = join(MODELS_DIR, 'TinyStories-656K-Q8_0.gguf');

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine(TINY, { contextSize: 512, threads: 1 });
});
afterAll(async () => {
  await engine?.close();
});

describe('LlamaEngine on TinyStories-656K', () => {
  it('loads with its vocabulary and context', () => {
    expect(engine.info).toMatchObject({
      id: 'TinyStories-656K-Q8_0',
      vocabSize: 2048,
      contextSize: 512,
      hasChatTemplate: false,
    });
  });

  it('gives the exact top-k of the whole distribution with the two-call fast path (vocabulary > 1,024)', async () => {
    for (const options of [
      { temperature: 0 },
      { temperature: 1, seed: 9 },
      { temperature: 0.6, topK: 50, seed: 9 },
    ]) {
      const request = { prompt: 'Once upon a time', maxTokens: 12, ...options };
      const all = await engine.generate({ ...request, topLogprobs: 'all' });
      const fast = await engine.generate({ ...request, topLogprobs: 20 });
      expect(fast.tokens.map((t) => t.id)).toEqual(all.tokens.map((t) => t.id));
      for (const [i, t] of fast.tokens.entries()) {
        const whole = all.tokens[i]!;
        expect(Math.abs(whole.top.reduce((s, a) => s + Math.exp(a.logprob!), 0) - 1)).toBeLessThan(1e-5);
        // The fast path's normaliser is llama.cpp's float32 sum over the vocabulary; 'all' sums in double.
        expect(Math.abs(t.logprob! - whole.logprob!)).toBeLessThan(1e-5);
        for (const [j, a] of t.top.entries()) {
          expect(Math.abs(a.logprob! - whole.top[j]!.logprob!)).toBeLessThan(1e-5);
        }
        expect(new Set(t.top.map((a) => a.id))).toEqual(new Set(whole.top.slice(0, 20).map((a) => a.id)));
      }
    }
  });

  it('ends at its end-of-story token with finish reason stop', async () => {
    const r = await engine.generate({ prompt: 'They were happy.', temperature: 0, maxTokens: 100 });
    expect(r.finishReason).toBe('stop');
    expect(r.usage.completionTokens).toBeLessThan(100);
  });

  it("refuses a character the vocabulary lacks ('#') with an error instead of aborting the process", async () => {
    await expect(engine.generate({ prompt: '### Human: hi' })).rejects.toMatchObject({
      code: 'untokenizable_text',
      character: '#',
    });
    await expect(engine.score('a # b')).rejects.toMatchObject({ code: 'untokenizable_text' });
    const chat = await engine.generate({
      prompt: { messages: [{ role: 'user', content: 'Tell me a story.' }] },
      temperature: 0,
      maxTokens: 8,
    });
    expect(chat.chatTemplate).toBe('fallback');
    expect(chat.tokens).toHaveLength(8);
  });
});
