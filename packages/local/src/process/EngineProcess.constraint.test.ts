import { join } from 'node:path';
import { InvalidOptionError, type Token } from '@tokenscope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLocal, MODELS_DIR } from '../../test/buildLocal.js';
import type { EngineProcess } from './EngineProcess.js';
import { startEngineProcess } from './startEngineProcess.js';

let engine: EngineProcess;
beforeAll(async () => {
  buildLocal();
  engine = await startEngineProcess(join(MODELS_DIR, 'stories260K.gguf'), { threads: 1, contextSize: 256 });
}, 180_000);
afterAll(async () => {
  await engine?.close();
});

describe('constrained generation through EngineProcess', () => {
  it('streams tokens with both distributions and returns the constraint', async () => {
    const streamed: Token[] = [];
    const result = await engine.generate(
      {
        prompt: 'Once upon a time',
        maxTokens: 12,
        temperature: 0,
        topLogprobs: 3,
        constraint: { kind: 'choices', choices: ['happy', 'sad'] },
      },
      { onToken: (t) => streamed.push(t) },
    );
    expect(['happy', 'sad']).toContain(result.text);
    expect(result.constraint).toEqual({ kind: 'choices', description: '"happy" | "sad"', complete: true });
    expect(streamed.map((t) => t.text).join('')).toBe(result.text);
    for (const t of streamed) {
      expect(t.constrained?.top.length).toBeGreaterThan(0);
      expect(t.constrained?.allowedMass).toBeGreaterThan(0);
    }
  });

  it('passes a bad constraint back as InvalidOptionError naming the field, without a restart', async () => {
    const error = await engine
      .generate({ prompt: 'Once', constraint: { kind: 'grammar', gbnf: 'root ::= nowhere' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error).toMatchObject({ option: 'constraint.gbnf' });
    expect(engine.restarts).toBe(0);
  });

  it('stops a grammar that keeps llama.cpp busy on one token (400 constraint), and the next request runs', async () => {
    const slow = await startEngineProcess(join(MODELS_DIR, 'stories260K.gguf'), {
      threads: 1,
      contextSize: 256,
      constraintStepTimeoutMs: 1000,
      cancelGraceMs: 500,
    });
    try {
      const error = await slow
        .generate({
          prompt: 'Once',
          maxTokens: 8,
          constraint: { kind: 'grammar', gbnf: 'root ::= x{1000}\nx ::= [a-z ]*' },
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error).toMatchObject({ option: 'constraint', status: 400 });
      expect((error as Error).message).toContain('more than 1 s on one token under this constraint');
      const next = await slow.generate({ prompt: 'Once upon a time', maxTokens: 4, temperature: 0 });
      expect(next.tokens.length).toBeGreaterThan(0);
      // A constraint that moves is not stopped, streamed or not.
      const fine = await slow.generate({
        prompt: 'Once upon a time',
        maxTokens: 12,
        temperature: 0,
        constraint: { kind: 'choices', choices: ['happy', 'sad'] },
      });
      expect(['happy', 'sad']).toContain(fine.text);
    } finally {
      await slow.close();
    }
  }, 120_000);
});
