import { join } from 'node:path';
import { analyze, buildCompletion, mergeSplitCharacters, type Token } from '@tokenscope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS_DIR } from '../test/buildLocal.js';
import type { Engine, GenerateRequest } from './Engine.js';
import { loadEngine } from './loadEngine.js';

const STORIES = join(MODELS_DIR, 'stories260K.gguf');
const PROMPT = 'Once upon a time';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine(STORIES, { contextSize: 256, threads: 1 });
});
afterAll(async () => {
  await engine?.close();
});

const sumProbs = (t: Token) => t.top.reduce((s, a) => s + Math.exp(a.logprob!), 0);
const ids = (tokens: Token[]) => tokens.map((t) => t.id);

/** The fast path's top-k must be the k largest of the whole distribution, value for value. */
function expectTopKOfAll(fast: Token[], all: Token[], k: number): void {
  expect(ids(fast)).toEqual(ids(all));
  for (const [i, token] of fast.entries()) {
    const whole = all[i]!;
    expect(token.logprob).toBeCloseTo(whole.logprob!, 5);
    expect(token.top).toHaveLength(k);
    for (const [j, alt] of token.top.entries()) {
      const ref = whole.top[j]!;
      // Equal logits may come in either order; the values must match position by position.
      expect(alt.logprob).toBeCloseTo(ref.logprob!, 5);
      if (Math.abs(ref.logprob! - (whole.top[j + 1]?.logprob ?? -1e9)) > 1e-6 && j === 0)
        expect(alt.id).toBe(ref.id);
    }
    expect(new Set(token.top.map((a) => a.id))).toEqual(new Set(whole.top.slice(0, k).map((a) => a.id)));
  }
}

describe('LlamaEngine on stories260K', () => {
  it('reports the whole distribution with topLogprobs all: it sums to 1 and greedy takes its argmax', async () => {
    const r = await engine.generate({ prompt: PROMPT, temperature: 0, maxTokens: 8, topLogprobs: 'all' });
    expect(r.tokens).toHaveLength(8);
    expect(r.distribution).toBe('raw');
    for (const t of r.tokens) {
      expect(t.top).toHaveLength(engine.info.vocabSize);
      expect(Math.abs(sumProbs(t) - 1)).toBeLessThan(1e-5);
      expect(t.id).toBe(t.top[0]!.id);
      expect(t.logprob).toBe(t.top[0]!.logprob);
      expect(t.entropy).toBeGreaterThan(0);
      for (let j = 1; j < t.top.length; j++)
        expect(t.top[j]!.logprob!).toBeLessThanOrEqual(t.top[j - 1]!.logprob!);
    }
  });

  it.each<[string, Partial<GenerateRequest>]>([
    ['greedy', { temperature: 0 }],
    ['temperature 1 (raw = what the sampler sees)', { temperature: 1, seed: 7 }],
    ['temperature 0.7 with top-p (raw read beside the sampler)', { temperature: 0.7, topP: 0.9, seed: 7 }],
    [
      'processed at temperature 2 with top-k',
      { temperature: 2, topK: 40, seed: 7, distribution: 'processed' },
    ],
  ])('gives the exact top-k of the whole distribution on the fast path: %s', async (_name, options) => {
    const request = { prompt: PROMPT, maxTokens: 10, ...options };
    const all = await engine.generate({ ...request, topLogprobs: 'all' });
    for (const k of [1, 5]) {
      const fast = await engine.generate({ ...request, topLogprobs: k });
      expectTopKOfAll(fast.tokens, all.tokens, k);
    }
    const zero = await engine.generate({ ...request, topLogprobs: 0 });
    expect(zero.tokens.map((t) => t.logprob)).toEqual(all.tokens.map((t) => expect.closeTo(t.logprob!, 5)));
    const off = await engine.generate({ ...request, logprobs: false });
    expect(ids(off.tokens)).toEqual(ids(all.tokens));
    expect(off.tokens.every((t) => t.logprob === null && t.top.length === 0)).toBe(true);
  });

  it('gives the same tokens for the same seed and other tokens for another seed', async () => {
    const request: GenerateRequest = { prompt: PROMPT, temperature: 1, maxTokens: 16, seed: 42 };
    const a = await engine.generate(request);
    const b = await engine.generate(request);
    expect(ids(b.tokens)).toEqual(ids(a.tokens));
    const others = await Promise.all([1, 2, 3].map((seed) => engine.generate({ ...request, seed })));
    expect(others.some((o) => o.text !== a.text)).toBe(true);
  });

  it('samples only from the processed distribution when top-k / top-p truncate it', async () => {
    for (const options of [{ topK: 3 }, { topP: 0.5 }, { minP: 0.2 }]) {
      const r = await engine.generate({
        prompt: PROMPT,
        temperature: 1.5,
        seed: 3,
        maxTokens: 12,
        topLogprobs: 'all',
        distribution: 'processed',
        ...options,
      });
      expect(r.distribution).toBe('processed');
      for (const t of r.tokens) {
        if (options.topK) expect(t.top.length).toBeLessThanOrEqual(3);
        expect(t.top.map((a) => a.id)).toContain(t.id);
        expect(t.logprob).not.toBeNull();
        expect(Math.abs(sumProbs(t) - 1)).toBeLessThan(1e-5);
      }
    }
  });

  it('labels raw and processed values, which differ at temperature 2 while the tokens stay the same', async () => {
    const request: GenerateRequest = {
      prompt: PROMPT,
      temperature: 2,
      seed: 11,
      maxTokens: 8,
      topLogprobs: 'all',
    };
    const raw = await engine.generate({ ...request, distribution: 'raw' });
    const processed = await engine.generate({ ...request, distribution: 'processed' });
    expect(raw.distribution).toBe('raw');
    expect(processed.distribution).toBe('processed');
    expect(ids(processed.tokens)).toEqual(ids(raw.tokens));
    for (const [i, p] of processed.tokens.entries()) {
      const r = raw.tokens[i]!;
      expect(Math.abs(p.logprob! - r.logprob!)).toBeGreaterThan(1e-3);
      // processed = softmax(raw logits / 2): log p = raw/2 - logsumexp(raw/2).
      const halves = r.top.map((a) => a.logprob! / 2);
      const max = Math.max(...halves);
      const lse = max + Math.log(halves.reduce((s, v) => s + Math.exp(v - max), 0));
      expect(p.logprob).toBeCloseTo(r.logprob! / 2 - lse, 5);
    }
  });

  it('ends before a stop string spanning tokens, without it in text or tokens, streaming what it keeps', async () => {
    const free = await engine.generate({ prompt: PROMPT, temperature: 0, maxTokens: 12 });
    const texts = free.tokens.map((t) => t.text);
    // A stop string made of the end of one token and the start of the next.
    const i = texts.findIndex((t, j) => j > 2 && t.length > 1 && (texts[j + 1]?.length ?? 0) > 1);
    const stop = texts[i]!.slice(-1) + texts[i + 1]!.slice(0, 2);
    const streamed: Token[] = [];
    const r = await engine.generate(
      { prompt: PROMPT, temperature: 0, maxTokens: 12, stop: [stop] },
      { onToken: (t) => streamed.push(t) },
    );
    const expected = free.text.slice(0, free.text.indexOf(stop));
    expect(r.text).toBe(expected);
    expect(r.finishReason).toBe('stop');
    expect(r.tokens.map((t) => t.text).join('')).toBe(expected);
    expect(r.tokens).toHaveLength(i + 1);
    expect(streamed).toEqual(r.tokens);
  });

  // End of generation ('stop' at EOS) is tested on TinyStories-656K: stories260K separates stories with BOS.
  it('stops at max tokens and at the end of the context with length', async () => {
    const short = await engine.generate({ prompt: PROMPT, temperature: 0, maxTokens: 3 });
    expect(short).toMatchObject({ finishReason: 'length', usage: { promptTokens: 5, completionTokens: 3 } });
    const small = await loadEngine(STORIES, { contextSize: 32, threads: 1 });
    try {
      const full = await small.generate({ prompt: PROMPT, temperature: 0, maxTokens: 10_000, stop: ['zzz'] });
      expect(full.finishReason).toBe('length');
      expect(full.usage.completionTokens).toBe(small.info.contextSize - 5);
    } finally {
      await small.close();
    }
  });

  it('echoes the prompt with its logprobs, agreeing with score()', async () => {
    const text = 'Once upon a time, there was a little dog';
    const r = await engine.generate({
      prompt: text,
      temperature: 0,
      maxTokens: 2,
      echo: true,
      topLogprobs: 2,
    });
    const prompt = r.prompt!;
    expect(prompt).toHaveLength(r.usage.promptTokens);
    expect(prompt[0]).toMatchObject({ logprob: null, special: true, text: '' });
    const scored = await engine.score(text, { topLogprobs: 2 });
    expect(ids(scored.tokens)).toEqual(ids(prompt.slice(1)));
    for (const [i, t] of scored.tokens.entries()) {
      expect(t.logprob).toBeCloseTo(prompt[i + 1]!.logprob!, 5);
      expect(t.top.map((a) => a.id)).toEqual(prompt[i + 1]!.top.map((a) => a.id));
    }
    const mean = scored.tokens.reduce((s, t) => s + t.logprob!, 0) / scored.tokens.length;
    expect(scored.sumLogprob).toBeCloseTo(mean * scored.tokens.length, 10);
    expect(scored.perplexity).toBeCloseTo(Math.exp(-mean), 10);
  });

  it('scores generated text with the logprobs generation reported', async () => {
    const r = await engine.generate({ prompt: PROMPT, temperature: 0, maxTokens: 10, topLogprobs: 3 });
    const scored = await engine.score(PROMPT + r.text, { topLogprobs: 3 });
    const generated = scored.tokens.slice(-r.tokens.length);
    expect(ids(generated)).toEqual(ids(r.tokens));
    // Scoring evaluates all positions in one batch, generation one position at a time: llama.cpp's
    // kernels for the two shapes sum in different orders, so logits differ by up to ~1e-3 (node-llama-cpp's
    // own controlledEvaluate shows the same: batched vs one by one).
    const near = (a: number | null, b: number | null) => expect(Math.abs(a! - b!)).toBeLessThan(2e-3);
    for (const [i, t] of generated.entries()) {
      const g = r.tokens[i]!;
      near(t.logprob, g.logprob);
      expect(t.top.map((a) => a.id)).toEqual(g.top.map((a) => a.id));
      for (const [j, a] of t.top.entries()) near(a.logprob, g.top[j]!.logprob);
    }
  });

  it("gives byte-fallback tokens their real bytes, so split characters reassemble ('ż', emoji)", async () => {
    const text = 'Zażółć gęślą 😀 jaźń';
    const scored = await engine.score(text, { topLogprobs: 3 });
    const split = scored.tokens.filter((t) => t.text === '\ufffd');
    expect(split.length).toBeGreaterThan(4);
    for (const t of split) expect(t.bytes).toHaveLength(1);
    const merged = mergeSplitCharacters(scored.tokens);
    expect(merged.map((t) => t.text).join('')).toBe(` ${text}`);
    const completion = buildCompletion(scored.tokens, { index: 0, distribution: 'raw', vocabSize: 512 });
    expect(completion.text).toBe(` ${text}`);
    const analysis = analyze({ format: 'llamacpp-completion', completions: [completion] });
    expect(analysis.text).toBe(` ${text}`);
    for (const t of analysis.tokens) {
      if (t.prob !== null) {
        expect(t.prob).toBeGreaterThanOrEqual(0);
        expect(t.prob).toBeLessThanOrEqual(1);
      }
    }
  });

  it('produces tokens that core analyses with probabilities in [0, 1]', async () => {
    const r = await engine.generate({
      prompt: PROMPT,
      temperature: 0.8,
      seed: 5,
      maxTokens: 16,
      topLogprobs: 5,
    });
    const completion = buildCompletion(r.tokens, {
      index: 0,
      distribution: r.distribution,
      responseText: r.text,
    });
    expect(completion.text).toBe(r.text);
    const analysis = analyze({ format: 'openai-completions', completions: [completion] });
    expect(analysis.tokens).toHaveLength(r.tokens.length);
    for (const t of analysis.tokens) {
      expect(t.prob).toBeGreaterThan(0);
      expect(t.prob).toBeLessThanOrEqual(1);
    }
  });

  it('aborts promptly with an AbortError and keeps working afterwards', async () => {
    const controller = new AbortController();
    let seen = 0;
    const pending = engine.generate(
      { prompt: PROMPT, temperature: 0, maxTokens: 64 },
      {
        signal: controller.signal,
        onToken: () => {
          seen++;
          if (seen === 3) controller.abort();
        },
      },
    );
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toBe(3);
    await expect(
      engine.generate({ prompt: PROMPT, maxTokens: 1 }, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
    const after = await engine.generate({ prompt: PROMPT, temperature: 0, maxTokens: 2 });
    expect(after.tokens).toHaveLength(2);
  });

  it('formats chat messages with the fallback template when the model has none', async () => {
    const r = await engine.generate({
      prompt: {
        messages: [
          { role: 'system', content: 'You tell stories.' },
          { role: 'user', content: 'Tell me about a cat.' },
        ],
      },
      temperature: 0,
      maxTokens: 8,
    });
    expect(r.chatTemplate).toBe('fallback');
    expect(r.promptText).toBe('System: You tell stories.\nUser: Tell me about a cat.\nAssistant:');
    expect(r.usage.promptTokens).toBe((await engine.tokenize(r.promptText)).length);
  });

  it('rejects bad options with a one-line InvalidOptionError', async () => {
    await expect(engine.generate({ prompt: PROMPT, topLogprobs: 513 })).rejects.toMatchObject({
      code: 'invalid_option',
    });
    await expect(engine.generate({ prompt: PROMPT, temperature: -1 })).rejects.toMatchObject({
      code: 'invalid_option',
    });
    await expect(engine.generate({ prompt: 'x'.repeat(1000) })).rejects.toMatchObject({
      code: 'context_length_exceeded',
    });
  });
});
