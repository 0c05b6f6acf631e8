import { describe, expect, it } from 'vitest';
import { emptyForm, toGenerateBody } from './composeForm';
import { EMPTY_CONSTRAINT, readConstraint } from './constraintForm';

describe('the constrain-output fields', () => {
  it('read choices one per line, a JSON schema, or a grammar', () => {
    expect(readConstraint({ ...EMPTY_CONSTRAINT, kind: 'none' })).toEqual({ ok: true });
    expect(readConstraint({ ...EMPTY_CONSTRAINT, kind: 'choices', choices: 'yes\n\n no\n' })).toEqual({
      ok: true,
      constraint: { kind: 'choices', choices: ['yes', ' no'] },
    });
    expect(readConstraint({ ...EMPTY_CONSTRAINT, kind: 'json-schema', schema: '{"type":"object"}' })).toEqual(
      {
        ok: true,
        constraint: { kind: 'json-schema', schema: { type: 'object' } },
      },
    );
    expect(readConstraint({ ...EMPTY_CONSTRAINT, kind: 'grammar' })).toMatchObject({
      ok: true,
      constraint: { kind: 'grammar' },
    });
  });

  it('say what to fix', () => {
    expect(readConstraint({ ...EMPTY_CONSTRAINT, kind: 'choices', choices: '\n' })).toMatchObject({
      ok: false,
    });
    expect(readConstraint({ ...EMPTY_CONSTRAINT, kind: 'choices', choices: 'a\na' })).toMatchObject({
      ok: false,
      error: /twice/,
    });
    expect(readConstraint({ ...EMPTY_CONSTRAINT, kind: 'json-schema', schema: '{' })).toMatchObject({
      ok: false,
      error: /not JSON/,
    });
    expect(readConstraint({ ...EMPTY_CONSTRAINT, kind: 'json-schema', schema: '[1]' })).toMatchObject({
      ok: false,
      error: /JSON object/,
    });
    expect(readConstraint({ ...EMPTY_CONSTRAINT, kind: 'grammar', gbnf: 'start ::= "x"' })).toMatchObject({
      ok: false,
      error: /root/,
    });
  });

  it('go into the generate body for local models and are refused for remote ones', () => {
    const form = {
      ...emptyForm('stories260K'),
      mode: 'text' as const,
      text: 'The dog was',
      constraint: { ...EMPTY_CONSTRAINT, kind: 'choices' as const, choices: 'happy\nsad' },
    };
    const check = toGenerateBody(form);
    expect(check.ok && check.body.constraint).toEqual({ kind: 'choices', choices: ['happy', 'sad'] });
    expect(toGenerateBody({ ...form, constraint: EMPTY_CONSTRAINT })).toMatchObject({ ok: true });
    const free = toGenerateBody({ ...form, constraint: EMPTY_CONSTRAINT });
    expect(free.ok && 'constraint' in free.body).toBe(false);
    const remote = toGenerateBody({
      ...form,
      target: 'remote',
      remote: { baseURL: 'http://x:1/v1', model: 'm', apiKey: '' },
    });
    expect(remote).toMatchObject({ ok: false, errors: { constraint: /local models only/ } });
  });
});
