import { join } from 'node:path';
import { TokenscopeError } from '@tokenscope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLocal, MODELS_DIR } from '../test/buildLocal.js';
import type { Engine } from './Engine.js';
import { loadEngine } from './loadEngine.js';
import { startEngineProcess } from './process/startEngineProcess.js';

/** Token-id prompts (`{ tokens }`) and `promptTokenIds`, in this process and in the child process. */

const STORIES = join(MODELS_DIR, 'stories260K.gguf');
const PROMPT = 'Once upon a time';

describe.each([
  ['LlamaEngine', () => loadEngine(STORIES, { contextSize: 256, threads: 1 })],
  [
    'EngineProcess',
    async () => {
      buildLocal();
      return startEngineProcess(STORIES, { contextSize: 256, threads: 1 });
    },
  ],
])('%s token prompts', (_name, open: () => Promise<Engine>) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open();
  }, 180_000);
  afterAll(async () => {
    await engine?.close();
  });

  it('reports the evaluated ids for text and chat prompts, BOS and template included', async () => {
    const text = await engine.generate({ prompt: PROMPT, temperature: 0, maxTokens: 2 });
    expect(text.promptTokenIds).toEqual(await engine.tokenize(PROMPT));
    expect(text.promptTokenIds.length).toBe(text.usage.promptTokens);
    const chat = await engine.generate({
      prompt: { messages: [{ role: 'user', content: 'Hi' }] },
      temperature: 0,
      maxTokens: 2,
    });
    expect(chat.promptTokenIds.length).toBe(chat.usage.promptTokens);
    expect(chat.promptTokenIds).toEqual(await engine.tokenize(chat.promptText));
  });

  it('greedily generates from the ids the same tokens and values as from the text', async () => {
    const request = { temperature: 0, maxTokens: 12, topLogprobs: 5 } as const;
    const fromText = await engine.generate({ prompt: PROMPT, ...request });
    const fromIds = await engine.generate({ prompt: { tokens: fromText.promptTokenIds }, ...request });
    expect(fromIds.promptTokenIds).toEqual(fromText.promptTokenIds);
    expect(fromIds.tokens.map((t) => t.id)).toEqual(fromText.tokens.map((t) => t.id));
    expect(fromIds.text).toBe(fromText.text);
    for (const [i, token] of fromIds.tokens.entries()) {
      expect(token.logprob).toBeCloseTo(fromText.tokens[i]!.logprob!, 4);
      expect(token.top.map((a) => a.id)).toEqual(fromText.tokens[i]!.top.map((a) => a.id));
    }
    expect(fromIds.promptText).toContain('Once upon a time');
  });

  it('continues from ids that end inside the answer: the rest of the greedy answer', async () => {
    const whole = await engine.generate({ prompt: PROMPT, temperature: 0, maxTokens: 10 });
    const prefix = whole.tokens.slice(0, 4).map((t) => t.id!);
    const rest = await engine.generate({
      prompt: { tokens: [...whole.promptTokenIds, ...prefix] },
      temperature: 0,
      maxTokens: 6,
    });
    expect(rest.tokens.map((t) => t.id)).toEqual(whole.tokens.slice(4).map((t) => t.id));
    expect(rest.usage.promptTokens).toBe(whole.promptTokenIds.length + 4);
  });

  it.each([
    ['an id past the vocabulary', [1, 512], /0 to 511.*got 512 at index 1/],
    ['a negative id', [-1], /got -1 at index 0/],
    ['a fraction', [1, 2.5], /got 2.5 at index 1/],
    ['a string', [1, '7'], /got "7" at index 1/],
    ['no ids', [], /non-empty array/],
  ])('refuses %s with invalid_option naming prompt.tokens', async (_label, tokens, message) => {
    const error = await engine
      .generate({ prompt: { tokens: tokens as number[] }, maxTokens: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenscopeError);
    expect(error).toMatchObject({ code: 'invalid_option', option: 'prompt.tokens' });
    expect((error as Error).message).toMatch(message);
  });

  it('refuses more ids than the context holds', async () => {
    const error = await engine
      .generate({ prompt: { tokens: new Array(300).fill(1) }, maxTokens: 1 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'context_length_exceeded' });
  });
});
