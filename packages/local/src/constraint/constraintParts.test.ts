import { InvalidOptionError } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { checkJsonSchema } from './checkJsonSchema.js';
import { choicesGrammar, gbnfLiteral } from './choicesGrammar.js';
import { readConstrainedStep, readRawStep } from './readConstrainedStep.js';

describe('choicesGrammar', () => {
  it('escapes quotes, backslashes and control characters', () => {
    expect(gbnfLiteral('say "hi"\\n')).toBe('"say \\"hi\\"\\\\n"');
    expect(gbnfLiteral('a\nb\tc\u0001é')).toBe('"a\\nb\\tc\\x01é"');
    expect(choicesGrammar(['yes', 'no', 'yes'])).toBe('root ::= "yes" | "no"\n');
  });

  it('refuses no choices, empty strings and non-strings', () => {
    for (const bad of [[], undefined, 'yes', [''], ['a', 3]]) {
      expect(() => choicesGrammar(bad)).toThrow(InvalidOptionError);
    }
    expect(() => choicesGrammar(['a', ''])).toThrow(
      'invalid constraint.choices: expected non-empty strings, got "" at index 1',
    );
  });
});

describe('checkJsonSchema', () => {
  it('refuses a schema nested thousands of levels with an InvalidOptionError, not a stack overflow', () => {
    let schema: unknown = { type: 'string' };
    for (let i = 0; i < 20_000; i++) schema = { type: 'array', items: schema };
    expect(() => checkJsonSchema(schema)).toThrow(
      'invalid constraint.schema: the schema nests deeper than 256 levels; use $defs and $ref for deep structures',
    );
  });

  it('keeps the supported keywords, drops annotations, turns anyOf into oneOf', () => {
    expect(
      checkJsonSchema({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        title: 'x',
        type: 'object',
        properties: { a: { anyOf: [{ type: 'string' }, { type: 'null' }], description: 'd' } },
        required: ['a'],
      }),
    ).toEqual({
      type: 'object',
      properties: { a: { oneOf: [{ type: 'string' }, { type: 'null' }] } },
      required: ['a'],
    });
  });

  it('names the path of the first problem', () => {
    const cases: Array<[unknown, string]> = [
      [null, 'invalid constraint.schema: expected a JSON schema object, got null'],
      [{ description: 'nothing' }, 'expected one of type, const, enum, oneOf, anyOf or $ref'],
      [{ type: 'array', items: { type: 'number', minimum: 0 } }, 'items.minimum: not supported'],
      [{ type: ['string', 'object'] }, 'type: a list of types may hold only'],
      [{ enum: [] }, 'enum: expected a non-empty array'],
      [{ type: 'string', format: 'email' }, 'format: expected one of date, time, date-time'],
      [{ type: 'array', items: { type: 'string' }, maxItems: -1 }, 'maxItems: expected an integer >= 0'],
      [
        { oneOf: [{ type: 'string' }, { $ref: '#/$defs/b' }], $defs: { a: { type: 'null' } } },
        'oneOf[1].$ref: "#/$defs/b" names no entry',
      ],
    ];
    for (const [schema, message] of cases) expect(() => checkJsonSchema(schema)).toThrow(message);
  });
});

describe('readConstrainedStep', () => {
  // Logits sorted highest first, as the addon returns them: ids 7, 3, 5, 1.
  const pairs = [7, 2, 3, 1, 5, 0, 1, -1];
  const z = Math.log(Math.exp(2) + Math.exp(1) + 1 + Math.exp(-1));

  it('reads the raw log-softmax, top-k and exact entropy', () => {
    const step = readRawStep(3, pairs, 2, false);
    expect(step.logprob).toBeCloseTo(1 - z, 12);
    expect(step.topIds).toEqual([7, 3]);
    expect(step.topLogprobs[0]).toBeCloseTo(2 - z, 12);
    const all = readRawStep(3, pairs, 4, true);
    const ps = [2, 1, 0, -1].map((l) => Math.exp(l - z));
    expect(all.entropy).toBeCloseTo(-ps.reduce((s, p) => s + p * Math.log(p), 0), 12);
  });

  it('renormalises over the allowed tokens and reports the allowed mass', () => {
    // Allowed: 3 and 1 (the model's favourite, 7, is forbidden).
    const step = readConstrainedStep(3, pairs, new Set([3, 1]), 4, true);
    const za = Math.log(Math.exp(1) + Math.exp(-1));
    expect(step.logprob).toBeCloseTo(1 - z, 12);
    expect(step.constrained!.logprob).toBeCloseTo(1 - za, 12);
    expect(step.constrained!.topIds).toEqual([3, 1]);
    expect(step.constrained!.topLogprobs.reduce((s, l) => s + Math.exp(l), 0)).toBeCloseTo(1, 12);
    expect(step.constrained!.allowedMass).toBeCloseTo(Math.exp(za - z), 12);
    const top1 = readConstrainedStep(3, pairs, new Set([3, 1]), 1, false);
    expect(top1.constrained!.topIds).toEqual([3]);
    expect(top1.constrained!.entropy).toBeUndefined();
  });
});
