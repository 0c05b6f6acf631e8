import { join } from 'node:path';
import { InvalidOptionError, type Token } from '@tokenscope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS_DIR } from '../test/buildLocal.js';
import type { Engine, GenerateRequest } from './Engine.js';
import { loadEngine } from './loadEngine.js';

const STORIES = join(MODELS_DIR, 'stories260K.gguf');
const PROMPT = 'Once upon a time, there was a little girl named';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine(STORIES, { contextSize: 256, threads: 1 });
});
afterAll(async () => {
  await engine?.close();
});

const ids = (tokens: Token[]) => tokens.map((t) => t.id!);
const mass = (top: { logprob: number | null }[]) => top.reduce((s, a) => s + Math.exp(a.logprob!), 0);

const PERSON = {
  type: 'object',
  properties: { name: { type: 'string', maxLength: 6 }, happy: { type: 'boolean' } },
};

describe('constrained generation on stories260K', () => {
  it('choices: the text is one of the choices, every token carries both distributions', async () => {
    const choices = [' Lily', ' Ben', 'a "dog"\\'];
    const result = await engine.generate({
      prompt: PROMPT,
      maxTokens: 12,
      temperature: 0,
      topLogprobs: 5,
      constraint: { kind: 'choices', choices },
    });
    expect(choices).toContain(result.text);
    expect(result.finishReason).toBe('stop');
    expect(result.constraint).toEqual({
      kind: 'choices',
      description: '" Lily" | " Ben" | "a \\"dog\\"\\\\"',
      complete: true,
    });
    for (const t of result.tokens) {
      expect(t.constrained).toBeDefined();
      const c = t.constrained!;
      expect(c.allowedMass).toBeGreaterThan(0);
      expect(c.allowedMass).toBeLessThanOrEqual(1 + 1e-12);
      // Renormalised: logprob_c = logprob_raw - log(allowedMass).
      expect(c.logprob!).toBeCloseTo(t.logprob! - Math.log(c.allowedMass), 9);
      expect(c.top.length).toBeGreaterThan(0);
      expect(c.top[0]!.id).toBe(t.id); // greedy: the most likely allowed token
    }
  });

  it('with "all" the constrained distribution sums to 1 over the allowed tokens', async () => {
    const result = await engine.generate({
      prompt: PROMPT,
      maxTokens: 12,
      temperature: 0.8,
      seed: 7,
      topLogprobs: 'all',
      constraint: { kind: 'choices', choices: [' Lily', ' Lucy', ' Tom'] },
    });
    expect([' Lily', ' Lucy', ' Tom']).toContain(result.text);
    for (const t of result.tokens) {
      const c = t.constrained!;
      expect(mass(c.top)).toBeCloseTo(1, 9);
      expect(mass(t.top)).toBeCloseTo(1, 9);
      expect(t.top).toHaveLength(engine.info.vocabSize);
      // The raw mass of exactly the allowed tokens is allowedMass.
      const allowed = new Set(c.top.map((a) => a.id));
      expect(mass(t.top.filter((a) => allowed.has(a.id)))).toBeCloseTo(c.allowedMass, 9);
      expect(c.entropy).toBeGreaterThanOrEqual(0);
    }
  });

  it('raw values equal an unconstrained evaluation of the same prefix', async () => {
    const request: GenerateRequest = {
      prompt: PROMPT,
      maxTokens: 24,
      temperature: 0,
      topLogprobs: 4,
      constraint: { kind: 'json-schema', schema: PERSON },
    };
    const result = await engine.generate(request);
    expect(result.tokens.length).toBeGreaterThan(3);
    // The same prefixes through the plain engine, one position per call: each call evaluates one
    // new token on the cached prefix, as the constrained generation did.
    for (const [i, t] of result.tokens.entries()) {
      const prefix = [...result.promptTokenIds, ...ids(result.tokens.slice(0, i))];
      const free = await engine.generate({
        prompt: { tokens: prefix },
        maxTokens: 1,
        temperature: 0,
        topLogprobs: 4,
      });
      const ref = free.tokens[0]!;
      expect(ids(t.top as Token[])).toEqual(ids(ref.top as Token[]));
      for (const [j, a] of t.top.entries())
        expect(Math.abs(a.logprob! - ref.top[j]!.logprob!)).toBeLessThan(1e-4);
      // The chosen token's raw value, whichever token the grammar let through: the full raw distribution's.
      const all = await engine.generate({
        prompt: { tokens: prefix },
        maxTokens: 1,
        temperature: 0,
        topLogprobs: 'all',
      });
      const raw = all.tokens[0]!.top.find((a) => a.id === t.id)!;
      expect(Math.abs(t.logprob! - raw.logprob!)).toBeLessThan(1e-4);
    }
  });
});

describe('the output matches the constraint', () => {
  it('json-schema: the text parses and matches the schema', async () => {
    const result = await engine.generate({
      prompt: PROMPT,
      maxTokens: 48,
      temperature: 0,
      constraint: { kind: 'json-schema', schema: PERSON },
    });
    expect(result.finishReason).toBe('stop');
    const value = JSON.parse(result.text) as Record<string, unknown>;
    expect(Object.keys(value).sort()).toEqual(['happy', 'name']);
    expect(typeof value.name).toBe('string');
    expect((value.name as string).length).toBeLessThanOrEqual(6);
    expect(typeof value.happy).toBe('boolean');
  });

  it('json-schema with enum, $defs/$ref, anyOf and an array', async () => {
    const schema = {
      title: 'pet',
      type: 'object',
      properties: {
        kind: { enum: ['cat', 'dog'] },
        legs: { $ref: '#/$defs/legs' },
        tags: { type: 'array', items: { type: 'boolean' }, maxItems: 2 },
      },
      $defs: { legs: { anyOf: [{ const: 4 }, { type: 'null' }] } },
    };
    const result = await engine.generate({
      prompt: PROMPT,
      maxTokens: 64,
      temperature: 0,
      constraint: { kind: 'json-schema', schema },
    });
    const value = JSON.parse(result.text) as { kind: string; legs: number | null; tags: boolean[] };
    expect(['cat', 'dog']).toContain(value.kind);
    expect([4, null]).toContain(value.legs);
    expect(value.tags.length).toBeLessThanOrEqual(2);
    for (const tag of value.tags) expect(typeof tag).toBe('boolean');
  });

  it('grammar: the text is in the language of the GBNF grammar (sampled, with top-k/top-p)', async () => {
    const gbnf = 'root ::= "The " animal " is " [a-z]{1,6} "."\nanimal ::= "cat" | "dog"\n';
    for (const seed of [1, 2]) {
      const result = await engine.generate({
        prompt: PROMPT,
        maxTokens: 32,
        temperature: 1,
        topK: 40,
        topP: 0.9,
        seed,
        topLogprobs: 'all',
        constraint: { kind: 'grammar', gbnf },
      });
      expect(result.text).toMatch(/^The (cat|dog) is [a-z]{1,6}\.$/);
      // With truncation the allowed set comes from a clone of the grammar state: still exact.
      for (const t of result.tokens) {
        expect(mass(t.constrained!.top)).toBeCloseTo(1, 9);
        expect(t.constrained!.top.some((a) => a.id === t.id)).toBe(true);
      }
    }
  });

  it('choices without logprobs: constrained text, no values', async () => {
    const result = await engine.generate({
      prompt: PROMPT,
      maxTokens: 8,
      temperature: 0.7,
      seed: 3,
      logprobs: false,
      constraint: { kind: 'choices', choices: ['yes', 'no'] },
    });
    expect(['yes', 'no']).toContain(result.text);
    for (const t of result.tokens) {
      expect(t.logprob).toBeNull();
      expect(t.constrained).toBeUndefined();
    }
  });

  it('the same seed gives the same constrained answer', async () => {
    const request: GenerateRequest = {
      prompt: PROMPT,
      maxTokens: 16,
      temperature: 1,
      seed: 11,
      constraint: { kind: 'grammar', gbnf: 'root ::= [a-z ]{3,12}' },
    };
    const a = await engine.generate(request);
    const b = await engine.generate(request);
    expect(a.text).toBe(b.text);
    expect(a.text).toMatch(/^[a-z ]{3,12}$/);
  });
});

describe('bad constraints fail before generating, naming the field', () => {
  const bad: Array<[string, unknown, string]> = [
    ['empty choices', { kind: 'choices', choices: [] }, 'constraint.choices'],
    ['an empty choice', { kind: 'choices', choices: ['a', ''] }, 'constraint.choices'],
    ['choices that are not strings', { kind: 'choices', choices: [1, 2] }, 'constraint.choices'],
    ['an unknown kind', { kind: 'regex', pattern: 'a+' }, 'constraint.kind'],
    ['not an object', 'yes|no', 'constraint'],
    ['a schema that is not an object', { kind: 'json-schema', schema: 42 }, 'constraint.schema'],
    [
      'an unknown type',
      { kind: 'json-schema', schema: { type: 'object', properties: { a: { type: 'wat' } } } },
      'constraint.schema',
    ],
    [
      'an unsupported keyword',
      { kind: 'json-schema', schema: { type: 'string', pattern: '^a' } },
      'constraint.schema',
    ],
    ['a dangling $ref', { kind: 'json-schema', schema: { $ref: '#/$defs/missing' } }, 'constraint.schema'],
    ['GBNF that does not parse', { kind: 'grammar', gbnf: 'root ::= undefined-rule' }, 'constraint.gbnf'],
    ['GBNF without a root rule', { kind: 'grammar', gbnf: 'answer ::= "a"' }, 'constraint.gbnf'],
    ['empty GBNF', { kind: 'grammar', gbnf: '' }, 'constraint.gbnf'],
  ];
  it.each(bad)('%s', async (_name, constraint, option) => {
    const error = await engine
      .generate({ prompt: PROMPT, maxTokens: 4, constraint: constraint as GenerateRequest['constraint'] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error).toMatchObject({ option, code: 'invalid_option' });
    expect((error as Error).message).toContain(`invalid ${option}: `);
  });

  it('names the path inside the schema', async () => {
    const error = await engine
      .generate({
        prompt: PROMPT,
        constraint: { kind: 'json-schema', schema: { type: 'object', properties: { age: { type: 'int' } } } },
      })
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^invalid constraint\.schema: properties\.age\.type: expected one of/,
    );
  });

  it('refuses the processed distribution with a constraint', async () => {
    const error = await engine
      .generate({
        prompt: PROMPT,
        distribution: 'processed',
        constraint: { kind: 'choices', choices: ['a'] },
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ option: 'distribution' });
  });
});

describe('continuing a constrained answer (constraintPrefix)', () => {
  const choices = [' Lily and Tom', ' Sue went home', ' Timmy'];
  const constraint = { kind: 'choices', choices } as const;

  /** The greedy constrained answer, and the token prompt that continues it after its first `n` tokens. */
  async function answer() {
    const result = await engine.generate({ prompt: PROMPT, temperature: 0, topLogprobs: 5, constraint });
    return {
      result,
      continuing: (prefix: number[]) => ({ tokens: [...result.promptTokenIds, ...prefix] }),
    };
  }

  it('continues from the answer so far to the same constrained answer', async () => {
    const { result, continuing } = await answer();
    expect(result.tokens.length).toBeGreaterThan(1);
    const prefix = ids(result.tokens).slice(0, 1);
    const rest = await engine.generate({
      prompt: continuing(prefix),
      temperature: 0,
      topLogprobs: 5,
      constraint,
      constraintPrefix: prefix,
    });
    expect(result.tokens[0]!.text + rest.text).toBe(result.text);
    expect(rest.constraint).toEqual(result.constraint);
    for (const [i, t] of rest.tokens.entries()) {
      const same = result.tokens[i + 1]!;
      expect(t.id).toBe(same.id);
      expect(t.logprob).toBeCloseTo(same.logprob!, 6);
      expect(t.constrained!.logprob).toBeCloseTo(same.constrained!.logprob!, 6);
    }
  });

  it('from another allowed first token, ends in another choice', async () => {
    const { result, continuing } = await answer();
    const first = result.tokens[0]!;
    // An allowed first token that does not start the greedy answer: it starts another choice.
    const other = first.constrained!.top.find((a) => a.logprob !== null && !result.text.startsWith(a.text))!;
    expect(other).toBeDefined();
    const rest = await engine.generate({
      prompt: continuing([other.id!]),
      temperature: 0,
      constraint,
      constraintPrefix: [other.id!],
    });
    const text = other.text + rest.text;
    expect(choices).toContain(text);
    expect(text).not.toBe(result.text);
  });

  it('refuses a token the constraint does not allow there, naming it', async () => {
    const { result, continuing } = await answer();
    const first = result.tokens[0]!;
    const allowed = new Set(first.constrained!.top.map((a) => a.id));
    const banned = first.top.find((a) => !allowed.has(a.id))!;
    const error = await engine
      .generate({ prompt: continuing([banned.id!]), constraint, constraintPrefix: [banned.id!] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error).toMatchObject({ option: 'constraintPrefix[0]' });
    expect((error as Error).message).toContain(JSON.stringify(banned.text));
    expect((error as Error).message).toContain('" Lily and Tom" | " Sue went home" | " Timmy"');
  });

  it('refuses a prefix without a constraint, and ids outside the vocabulary', async () => {
    const missing = await engine.generate({ prompt: PROMPT, constraintPrefix: [5] }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ option: 'constraintPrefix' });
    const outside = await engine
      .generate({ prompt: PROMPT, constraint, constraintPrefix: [5, engine.info.vocabSize] })
      .catch((e: unknown) => e);
    expect(outside).toMatchObject({ option: 'constraintPrefix[1]' });
    expect((outside as Error).message).toContain(`from 0 to ${engine.info.vocabSize - 1}`);
  });
});
