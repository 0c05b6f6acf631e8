import { join } from 'node:path';
import { InvalidOptionError } from '@tokenscope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS_DIR } from '../test/buildLocal.js';
import type { Engine } from './Engine.js';
import { loadEngine } from './loadEngine.js';

/** TinyStories-656K ends "They were happy." at its end-of-story token after a few tokens, greedy. */
const TINY = join(MODELS_DIR, 'TinyStories-656K-Q8_0.gguf');
const PROMPT = 'They were happy.';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine(TINY, { contextSize: 512, threads: 1 });
});
afterAll(async () => {
  await engine?.close();
});

describe('ignoreEos and minTokens (the load-test extensions of llama.cpp and vLLM)', () => {
  it('ignoreEos runs to maxTokens where the model would end, with the raw values unchanged', async () => {
    const free = await engine.generate({ prompt: PROMPT, temperature: 0, maxTokens: 100, topLogprobs: 5 });
    expect(free.finishReason).toBe('stop');
    const ended = free.tokens.length;
    expect(ended).toBeLessThan(60);
    const held = await engine.generate({
      prompt: PROMPT,
      temperature: 0,
      maxTokens: ended + 20,
      topLogprobs: 5,
      ignoreEos: true,
    });
    expect(held.finishReason).toBe('length');
    expect(held.tokens).toHaveLength(ended + 20);
    // Up to where the free run ended, the same greedy tokens with the same raw values.
    for (const [i, t] of free.tokens.entries()) {
      expect(held.tokens[i]!.id).toBe(t.id);
      expect(held.tokens[i]!.logprob).toBeCloseTo(t.logprob!, 6);
    }
    // Where the model wanted to end, the end-of-story token is still in the raw top-k (the model's
    // distribution), but another token was drawn.
    const at = held.tokens[ended]!;
    expect(at.top[0]!.text).not.toBe(at.text);
    expect(at.logprob!).toBeLessThan(at.top[0]!.logprob!);
  });

  it('minTokens holds the end back until that many tokens, then lets the model end', async () => {
    const free = await engine.generate({ prompt: PROMPT, temperature: 0, maxTokens: 100 });
    const ended = free.tokens.length;
    // Held for exactly the tokens before the model's end, then lifted: it ends where it would have.
    const atEnd = await engine.generate({ prompt: PROMPT, temperature: 0, maxTokens: 100, minTokens: ended });
    expect(atEnd.finishReason).toBe('stop');
    expect(atEnd.tokens.map((t) => t.id)).toEqual(free.tokens.map((t) => t.id));
    // One more: the end is held back, and the greedy continuation is the ignoreEos one.
    const later = await engine.generate({
      prompt: PROMPT,
      temperature: 0,
      maxTokens: 30,
      minTokens: ended + 1,
    });
    const ignoring = await engine.generate({
      prompt: PROMPT,
      temperature: 0,
      maxTokens: 30,
      ignoreEos: true,
    });
    expect(later.tokens.length).toBeGreaterThan(ended);
    expect(later.tokens.map((t) => t.id)).toEqual(
      ignoring.tokens.slice(0, later.tokens.length).map((t) => t.id),
    );
    expect(later.usage.completionTokens).toBe(later.tokens.length);
  });

  it('refuses bad values and a constraint with a clear error', async () => {
    await expect(engine.generate({ prompt: PROMPT, minTokens: -1 })).rejects.toThrow(
      'invalid minTokens: expected an integer >= 0, got -1',
    );
    await expect(engine.generate({ prompt: PROMPT, maxTokens: 4, minTokens: 5 })).rejects.toThrow(
      'invalid minTokens: expected at most maxTokens (4), got 5',
    );
    await expect(
      engine.generate({ prompt: PROMPT, ignoreEos: 'yes' as unknown as boolean }),
    ).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(
      engine.generate({
        prompt: PROMPT,
        maxTokens: 8,
        ignoreEos: true,
        constraint: { kind: 'choices', choices: ['yes', 'no'] },
      }),
    ).rejects.toThrow(/invalid ignoreEos: cannot be used with a constraint/);
  });
});
