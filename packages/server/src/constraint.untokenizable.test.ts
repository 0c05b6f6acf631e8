import { type Engine, loadEngine } from '@tokenscope/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS_DIR } from '../test/storiesEngine.js';
import { createApp } from './createApp.js';

/**
 * TinyStories-656K's vocabulary has no "#", "{" or byte fallback: a constraint that needs one of them
 * can never be satisfied. Before, llama.cpp's grammar dead-ended mid-answer and the request was a 500
 * ("Unexpected empty grammar stack"); now it is a 400 that names the text.
 */
const MODEL = 'TinyStories-656K-Q8_0';
let engine: Engine;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  engine = await loadEngine(`${MODELS_DIR.replace(/\/?$/, '/')}${MODEL}.gguf`, { threads: 1 });
  app = createApp({ engines: [engine] });
});
afterAll(() => engine?.close());

async function complete(constraint: unknown, stream = false): Promise<{ status: number; body: string }> {
  const response = await app.request('/v1/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: MODEL,
      prompt: 'The colour is',
      max_tokens: 8,
      logprobs: 2,
      stream,
      tokenscope: { constraint },
    }),
  });
  return { status: response.status, body: await response.text() };
}

describe('a constraint holding text the model cannot write', () => {
  it.each([
    ['choices', { kind: 'choices', choices: ['red', '#blue'] }, 'constraint.choices', '"#blue"'],
    ['a grammar', { kind: 'grammar', gbnf: '# a comment\nroot ::= "x#y"' }, 'constraint.gbnf', '"x#y"'],
    ['a JSON schema', { kind: 'json-schema', schema: { type: 'object' } }, 'constraint.schema', '"{"'],
  ])('%s: 400 invalid_option naming the text and the character', async (_, constraint, field, text) => {
    for (const stream of [false, true]) {
      const { status, body } = await complete(constraint, stream);
      expect(status, body).toBe(400);
      const { error } = JSON.parse(body) as { error: { type: string; code: string; message: string } };
      expect(error.type).toBe('invalid_request_error');
      expect(error.code).toBe('invalid_option');
      expect(error.message).toContain(field);
      expect(error.message).toContain(`${MODEL} can never write ${text}`);
      expect(error.message).toMatch(/U\+00(23|7B)/);
    }
  });

  it('a grammar that dead-ends on a character class: 400 naming the cause, not a 500', async () => {
    for (const stream of [false, true]) {
      const { status, body } = await complete({ kind: 'grammar', gbnf: 'root ::= [#]+' }, stream);
      expect(status, body).toBe(400);
      const { error } = JSON.parse(body) as { error: { code: string; message: string } };
      expect(error.code).toBe('invalid_option');
      expect(error.message).toContain(
        "no token of the model's vocabulary can continue the constrained answer",
      );
    }
  });

  it('a constraint the model can write still generates', async () => {
    const { status, body } = await complete({ kind: 'choices', choices: ['red', 'blue'] });
    expect(status, body).toBe(200);
    expect(['red', 'blue']).toContain(JSON.parse(body).choices[0].text);
  });
});
