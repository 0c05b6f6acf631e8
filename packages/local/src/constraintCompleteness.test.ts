import { join } from 'node:path';
import { analyze, buildCompletion } from '@tokenscope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS_DIR } from '../test/buildLocal.js';
import type { Engine, GenerateRequest, GenerateResult } from './Engine.js';
import { loadEngine } from './loadEngine.js';

const STORIES = join(MODELS_DIR, 'stories260K.gguf');
const PROMPT = 'Once upon a time, there was a little girl named';
const PET = { type: 'object', properties: { name: { type: 'string' }, happy: { type: 'boolean' } } };

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine(STORIES, { contextSize: 256, threads: 1 });
});
afterAll(async () => {
  await engine?.close();
});

function generate(request: Omit<GenerateRequest, 'prompt'>): Promise<GenerateResult> {
  return engine.generate({ prompt: PROMPT, temperature: 0, topLogprobs: 3, ...request });
}

/** The result as the core analyses it (as `tokenscope ask` does). */
function analysed(result: GenerateResult) {
  const completion = buildCompletion(result.tokens, {
    index: 0,
    distribution: result.distribution,
    responseText: result.text,
    finishReason: result.finishReason,
  });
  if (result.constraint) completion.constraint = result.constraint;
  return analyze({ format: 'openai-completions', completions: [completion] });
}

describe('whether a constrained answer is complete (stories260K)', () => {
  it('a JSON-schema answer cut off by max tokens is incomplete: not valid JSON, and the analysis says so', async () => {
    const result = await generate({ maxTokens: 5, constraint: { kind: 'json-schema', schema: PET } });
    expect(result.finishReason).toBe('length');
    expect(() => JSON.parse(result.text)).toThrow();
    expect(result.constraint).toMatchObject({ kind: 'json-schema', complete: false });
    expect(result.constraint!.incompleteReason).toMatch(
      /^the output is not valid JSON \(the token limit cut it off\): /,
    );
    const analysis = analysed(result);
    expect(analysis.ending).toMatchObject({ kind: 'length', cutOff: true });
    expect(analysis.ending.constraintIncomplete).toBe(result.constraint!.incompleteReason);
  });

  it('a JSON-schema answer with room to finish is complete and satisfies the schema', async () => {
    const result = await generate({
      maxTokens: 60,
      constraint: {
        kind: 'json-schema',
        schema: { type: 'object', properties: { happy: { type: 'boolean' } }, required: ['happy'] },
      },
    });
    expect(result.finishReason).toBe('stop');
    expect(typeof (JSON.parse(result.text) as { happy: unknown }).happy).toBe('boolean');
    expect(result.constraint).toMatchObject({ complete: true });
    expect(result.constraint!.incompleteReason).toBeUndefined();
    const analysis = analysed(result);
    expect(analysis.ending).toEqual({ kind: 'stop', cutOff: false, finishReason: 'stop' });
  });

  it('choices cut off after one token: the text is none of the choices', async () => {
    const result = await generate({
      maxTokens: 1,
      constraint: { kind: 'choices', choices: [' Lily and her mother', ' Ben and his dog'] },
    });
    expect(result.finishReason).toBe('length');
    expect(result.constraint).toMatchObject({ kind: 'choices', complete: false });
    expect(result.constraint!.incompleteReason).toBe(
      `${JSON.stringify(result.text)} is none of the choices (the token limit cut it off)`,
    );
  });

  it('a grammar stopped by the token limit is incomplete; one that ends by itself is complete', async () => {
    const gbnf = 'root ::= " " [a-z]{2,6} "." " " [a-z]{2,6} "."\n';
    const cut = await generate({ maxTokens: 2, constraint: { kind: 'grammar', gbnf } });
    expect(cut.finishReason).toBe('length');
    expect(cut.constraint).toEqual({
      kind: 'grammar',
      description: 'root ::= " " [a-z]{2,6} "." " " [a-z]{2,6} "."',
      complete: false,
      incompleteReason: 'the token limit stopped generation before the grammar was complete',
    });
    const whole = await generate({ maxTokens: 40, constraint: { kind: 'grammar', gbnf } });
    expect(whole.finishReason).toBe('stop');
    expect(whole.text).toMatch(/^ [a-z]{2,6}\. [a-z]{2,6}\.$/);
    expect(whole.constraint).toMatchObject({ complete: true });
    expect(analysed(whole).ending.constraintIncomplete).toBeUndefined();
  });
});
