import { join } from 'node:path';
import { InvalidOptionError } from '@tokenscope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLocal, MODELS_DIR } from '../test/buildLocal.js';
import type { Engine } from './Engine.js';
import { GenerationAbortedError } from './errors/GenerationAbortedError.js';
import { PromptTooLongError } from './errors/PromptTooLongError.js';
import { UntokenizableTextError } from './errors/UntokenizableTextError.js';
import { loadEngine } from './loadEngine.js';
import { startEngineProcess } from './process/startEngineProcess.js';

const STORIES = join(MODELS_DIR, 'stories260K.gguf');
const TINY = join(MODELS_DIR, 'TinyStories-656K-Q8_0.gguf');
const PREFIX = 'Once upon a time, there was a little girl named Lily. She liked to play with her';
const LABELS = [' ball', ' toys', ' friends', ' dog in the park', '!'];

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine(STORIES, { contextSize: 128, threads: 1 });
});
afterAll(async () => {
  await engine?.close();
});

/** The reference: one full pass per text, log P(prefix + c) − log P(prefix). */
async function fullPassDifference(prefix: string, continuation: string): Promise<number> {
  const [whole, alone] = [await engine.score(prefix + continuation), await engine.score(prefix)];
  return whole.sumLogprob - alone.sumLogprob;
}

describe('scoreContinuations on stories260K', () => {
  it('matches a separate full pass per continuation, multi-token ones included', async () => {
    const result = await engine.scoreContinuations(PREFIX, LABELS);
    expect(result.continuations.map((c) => c.text)).toEqual(LABELS);
    expect(result.continuations.some((c) => c.tokenCount > 1)).toBe(true);
    for (const c of result.continuations) {
      expect(c.boundary).toEqual({ kind: 'clean', prefixTokensReplaced: 0 });
      expect(Math.abs(c.sumLogprob - (await fullPassDifference(PREFIX, c.text)))).toBeLessThan(1e-3);
      expect(c.sumLogprob).toBeLessThan(0);
      expect(c.meanLogprob).toBeCloseTo(c.sumLogprob / c.tokenCount, 10);
      expect(c.tokens.map((t) => t.text).join('')).toBe(c.text);
    }
  });

  it('evaluates the prefix once: the tokens evaluated grow by the continuations only', async () => {
    const one = await engine.scoreContinuations(`${PREFIX} and`, [' ball']);
    const five = await engine.scoreContinuations(`${PREFIX} and`, LABELS);
    const n = five.prefixTokenCount;
    const perLabel = five.continuations.reduce((s, c) => s + c.tokenCount + 1, 0);
    expect(five.evaluatedTokens).toBeLessThanOrEqual(n - 1 + perLabel);
    expect(five.evaluatedTokens).toBeLessThan(LABELS.length * n);
    expect(one.continuations[0]!.sumLogprob).toBeCloseTo(five.continuations[0]!.sumLogprob, 4);
  });

  it('splits at the prefix boundary when the continuation merges with the end of the prefix', async () => {
    const prefix = 'Once upon a ti';
    const result = await engine.scoreContinuations(prefix, ['me', 'ger']);
    const [me] = result.continuations;
    expect(me!.boundary.kind).toBe('merged');
    expect(me!.boundary.prefixTokensReplaced).toBeGreaterThan(0);
    expect(me!.tokens.map((t) => t.text).join('')).toBe(' time');
    for (const c of result.continuations) {
      expect(Math.abs(c.sumLogprob - (await fullPassDifference(prefix, c.text)))).toBeLessThan(1e-3);
    }
  });

  it('reports the top-k of each continuation token and takes chat and token prefixes', async () => {
    const top = await engine.scoreContinuations(PREFIX, [' ball'], { topLogprobs: 3 });
    for (const t of top.continuations[0]!.tokens) expect(t.top).toHaveLength(3);
    const ids = await engine.tokenize(PREFIX);
    const byTokens = await engine.scoreContinuations({ tokens: ids }, [' ball']);
    expect(byTokens.continuations[0]!.sumLogprob).toBeCloseTo(top.continuations[0]!.sumLogprob, 4);
    const chat = await engine.scoreContinuations({ messages: [{ role: 'user', content: 'Hi' }] }, [' Hello']);
    expect(chat.continuations[0]!.sumLogprob).toBeLessThan(0);
  });

  it('rejects bad input with clear errors', async () => {
    await expect(engine.scoreContinuations(PREFIX, [])).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(engine.scoreContinuations(PREFIX, [' ok', ''])).rejects.toThrow(
      /non-empty strings.*index 1/,
    );
    await expect(engine.scoreContinuations({ messages: [] }, [' a'])).rejects.toBeInstanceOf(
      InvalidOptionError,
    );
    await expect(engine.scoreContinuations(PREFIX, [' la'.repeat(200)])).rejects.toBeInstanceOf(
      PromptTooLongError,
    );
    const controller = new AbortController();
    controller.abort();
    await expect(
      engine.scoreContinuations(PREFIX, [' ball'], { signal: controller.signal }),
    ).rejects.toBeInstanceOf(GenerationAbortedError);
    // The engine still works after the failures.
    const after = await engine.scoreContinuations(PREFIX, [' ball']);
    expect(after.continuations[0]!.sumLogprob).toBeLessThan(0);
  });
});

describe('scoreContinuations in the engine process', () => {
  beforeAll(() => buildLocal(), 120_000);

  it('gives the same scores across the process boundary and refuses untokenizable text on TinyStories', async () => {
    const remote = await startEngineProcess(STORIES, { threads: 1, contextSize: 128 });
    try {
      const local = await engine.scoreContinuations(PREFIX, LABELS.slice(0, 2));
      const viaProcess = await remote.scoreContinuations(PREFIX, LABELS.slice(0, 2));
      expect(viaProcess.continuations.map((c) => c.sumLogprob)).toEqual(
        local.continuations.map((c) => c.sumLogprob),
      );
    } finally {
      await remote.close();
    }
    const tiny = await startEngineProcess(TINY, { threads: 1, contextSize: 128 });
    try {
      await expect(tiny.scoreContinuations('Once upon a time', [' #1'])).rejects.toBeInstanceOf(
        UntokenizableTextError,
      );
      const ok = await tiny.scoreContinuations('Once upon a time', [' there']);
      expect(ok.continuations[0]!.sumLogprob).toBeLessThan(0);
    } finally {
      await tiny.close();
    }
  }, 60_000);
});
