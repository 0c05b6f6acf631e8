import { readdirSync, readFileSync } from 'node:fs';
import { parseResponse } from '@tokenscope/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newRun } from '../../test/runs.js';
import { parseWith } from './parseWith.js';
import { prepareRun } from './prepareRun.js';
import { newRunSchema, responseSchema } from './runSchema.js';
import { tokensAreValid } from './tokensAreValid.js';

const FIXTURES = new URL('../../../core/src/formats/__fixtures__/', import.meta.url);

/** zod's answer for one token, as `prepareRun` would get it without the fast check. */
function zodToken(token: unknown) {
  const response = {
    format: 'openai-chat',
    completions: [{ index: 0, text: '', tokens: [token], distribution: 'raw', topK: 0 }],
  };
  const result = responseSchema.safeParse(response);
  return result.success ? { ok: true, token: result.data.completions[0]!.tokens[0] } : { ok: false };
}

const anyNumber = fc.oneof(
  fc.double(),
  fc.integer({ min: -300, max: 300 }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 60, -0, 1e-10),
);
const loose = fc.oneof(anyNumber, fc.string(), fc.constant(null), fc.boolean(), fc.constant(undefined));
/** Mostly a right value, sometimes a wrong one (so that both answers of the check are exercised). */
function mostly<T>(right: fc.Arbitrary<T>, wrong: fc.Arbitrary<unknown> = loose): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: right, weight: 12 }, { arbitrary: wrong, weight: 1 });
}
const logprob = (max: number) =>
  mostly(fc.oneof(fc.double({ max, noNaN: true, noDefaultInfinity: true }), fc.constant(null)));
const bytes = mostly(
  fc.oneof(fc.constant(null), fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 3 })),
  fc.oneof(fc.array(fc.oneof(fc.integer({ min: -2, max: 258 }), loose), { maxLength: 3 }), loose),
);
const int = mostly(fc.integer());
const raw = mostly(fc.oneof(anyNumber, fc.string(), fc.constant(null)), fc.oneof(fc.boolean(), fc.object()));
const entropy = mostly(fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }));
const optional = [
  'id',
  'raw',
  'rawText',
  'entropy',
  'special',
  'control',
  'utf8Group',
  'constrained',
  'extra',
];
/** A record whose optional keys are left out often (an unknown key `extra` is rare). */
function record(fields: Record<string, fc.Arbitrary<unknown>>, required: string[]) {
  return fc
    .tuple(fc.record(fields), fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }), fc.nat(20))
    .map(([value, keep, extra]) => {
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) {
        const at = optional.indexOf(key);
        if (required.includes(key) || (key === 'extra' ? extra === 0 : keep[at] === true)) out[key] = v;
      }
      return out;
    });
}
const alternative = (max: number) =>
  record({ text: mostly(fc.string()), logprob: logprob(max), bytes, id: int, raw, extra: loose }, [
    'text',
    'logprob',
    'bytes',
  ]);
const token = record(
  {
    text: mostly(fc.string()),
    rawText: mostly(fc.string()),
    bytes,
    logprob: logprob(0),
    raw,
    id: int,
    top: mostly(fc.array(alternative(0), { maxLength: 3 })),
    entropy,
    special: mostly(fc.boolean()),
    control: mostly(fc.constant(true), fc.oneof(fc.constant(false), loose)),
    utf8Group: mostly(fc.tuple(fc.nat(4), fc.nat(4)), fc.array(fc.oneof(fc.nat(4), loose), { maxLength: 3 })),
    constrained: mostly(
      record(
        {
          logprob: logprob(1e-9),
          top: mostly(fc.array(alternative(1e-9), { maxLength: 2 })),
          allowedMass: mostly(fc.double({ min: 0, max: 1, noNaN: true })),
          entropy,
          extra: loose,
        },
        ['logprob', 'top', 'allowedMass'],
      ),
    ),
    extra: loose,
  },
  ['text', 'bytes', 'logprob', 'top'],
);

describe('tokensAreValid', () => {
  it('accepts only tokens that the schema accepts and returns unchanged', () => {
    let accepted = 0;
    fc.assert(
      fc.property(token, (t) => {
        if (!tokensAreValid([t])) return;
        accepted++;
        const zod = zodToken(t);
        expect(zod.ok).toBe(true);
        expect(zod.token).toEqual(t);
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(500); // the property is not vacuous
  });

  it('accepts the tokens core parses from every good fixture (so their saves skip zod)', () => {
    const names = readdirSync(FIXTURES).filter((n) => !n.includes('.bad-') && !n.endsWith('.md'));
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) {
      let response: ReturnType<typeof parseResponse>;
      try {
        response = parseResponse(readFileSync(new URL(name, FIXTURES), 'utf8'));
      } catch {
        continue; // a fixture that needs options (logits: topK)
      }
      for (const completion of response.completions) {
        expect(tokensAreValid(completion.tokens), name).toBe(true);
        if (completion.prompt !== undefined) expect(tokensAreValid(completion.prompt), name).toBe(true);
      }
    }
  });

  it('refuses the wrong values zod refuses', () => {
    const good = { text: 'a', bytes: [97], logprob: -0.5, top: [{ text: 'a', logprob: -0.5, bytes: null }] };
    expect(tokensAreValid([good])).toBe(true);
    for (const bad of [
      { ...good, logprob: 0.1 },
      { ...good, logprob: Number.NaN },
      { ...good, logprob: Number.NEGATIVE_INFINITY },
      { ...good, bytes: [256] },
      { ...good, id: 1.5 },
      { ...good, top: undefined },
      { ...good, utf8Group: [0, 1, 2] },
      { ...good, constrained: { logprob: 0, top: [], allowedMass: 2 } },
      { ...good, unknown: 1 },
      Object.assign(Object.create({ inherited: true }), good),
    ]) {
      expect(tokensAreValid([bad]), JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('prepareRun with the fast check', () => {
  it('gives the run zod gives', () => {
    const run = newRun({ title: 'A run', tags: ['x'] });
    expect(prepareRun(run).run).toEqual(parseWith(newRunSchema, run, 'run'));
  });

  it('still names a wrong field outside the tokens when every token is right', () => {
    const run = newRun({ params: { temperature: -1 } });
    expect(tokensAreValid(run.response.completions[0]!.tokens)).toBe(true);
    expect(() => prepareRun(run)).toThrow(/params\.temperature/);
  });

  it('drops unknown keys of a token as zod does', () => {
    const run = newRun();
    (run.response.completions[0]!.tokens[0] as unknown as Record<string, unknown>).extra = 1;
    expect(prepareRun(run).run.response.completions[0]!.tokens[0]).not.toHaveProperty('extra');
  });
});
