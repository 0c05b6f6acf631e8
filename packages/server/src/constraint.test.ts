import type { Engine } from '@tokenscope/local';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStories } from '../test/storiesEngine.js';
import { createApp } from './createApp.js';

const MODEL = 'stories260K';
let engine: Engine;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  engine = await loadStories();
  app = createApp({ engines: [engine] });
});
afterAll(() => engine?.close());

// biome-ignore lint/suspicious/noExplicitAny: our own JSON, checked by the expectations
type Json = Record<string, any>;

async function post(path: string, body: Json): Promise<{ status: number; text: string }> {
  const response = await app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: MODEL, ...body }),
  });
  return { status: response.status, text: await response.text() };
}

function events(sse: string): Json[] {
  return sse
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => JSON.parse(line.slice(6)) as Json);
}

const messages = [{ role: 'user', content: 'Is the sky blue?' }];
const choices = { kind: 'choices', choices: ['yes', 'no', 'maybe'] };

describe('constrained generation over /v1', () => {
  it('chat: the answer is a choice; logprobs are the allowed distribution, raw_logprobs the raw one', async () => {
    const { status, text } = await post('/v1/chat/completions', {
      messages,
      temperature: 0,
      max_tokens: 8,
      logprobs: true,
      top_logprobs: 3,
      tokenscope: { constraint: choices },
    });
    expect(status, text).toBe(200);
    const choice = (JSON.parse(text) as Json).choices[0];
    expect(['yes', 'no', 'maybe']).toContain(choice.message.content);
    expect(choice.tokenscope.constraint).toEqual({
      kind: 'choices',
      description: '"yes" | "no" | "maybe"',
      complete: true,
    });
    const content = choice.logprobs.content as Json[];
    const raw = choice.tokenscope.raw_logprobs as Json[];
    expect(raw).toHaveLength(content.length);
    content.forEach((entry, i) => {
      expect(raw[i]!.token).toBe(entry.token);
      // Renormalised over the allowed tokens: p_allowed = p_raw / (1 - removed).
      expect(entry.logprob).toBeCloseTo(raw[i]!.logprob - Math.log(1 - raw[i]!.removed_mass), 6);
      expect(entry.logprob).toBeGreaterThanOrEqual(raw[i]!.logprob);
    });
  });

  it('chat streaming carries raw_logprobs per token and the constraint at the end', async () => {
    const { status, text } = await post('/v1/chat/completions', {
      messages,
      temperature: 0,
      max_tokens: 8,
      logprobs: true,
      stream: true,
      tokenscope: { constraint: choices },
    });
    expect(status, text).toBe(200);
    const chunks = events(text).flatMap((e) => e.choices as Json[]);
    const content = chunks.map((c) => c.delta?.content ?? '').join('');
    expect(['yes', 'no', 'maybe']).toContain(content);
    const withRaw = chunks.filter((c) => c.tokenscope?.raw_logprobs);
    expect(withRaw.length).toBeGreaterThan(0);
    expect(chunks.at(-1)!.tokenscope.constraint.kind).toBe('choices');
  });

  it("OpenAI's response_format json_schema through the official client", async () => {
    const client = new OpenAI({
      apiKey: 'none',
      baseURL: 'http://tokenscope.test/v1',
      fetch: (url, init) => app.request(String(url), init as RequestInit),
    });
    const completion = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'A pet' }],
      temperature: 0,
      max_tokens: 48,
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'pet',
          schema: {
            type: 'object',
            properties: { kind: { enum: ['cat', 'dog'] }, cute: { type: 'boolean' } },
          },
        },
      },
    });
    const value = JSON.parse(completion.choices[0]!.message.content!) as { kind: string; cute: boolean };
    expect(['cat', 'dog']).toContain(value.kind);
    expect(typeof value.cute).toBe('boolean');
  });

  it('completions: a GBNF grammar, with raw_logprobs beside the legacy logprobs', async () => {
    const { status, text } = await post('/v1/completions', {
      prompt: 'Once upon a time',
      temperature: 0,
      max_tokens: 16,
      logprobs: 2,
      tokenscope: { constraint: { kind: 'grammar', gbnf: 'root ::= " " [a-z]{2,8} "."' } },
    });
    expect(status, text).toBe(200);
    const choice = (JSON.parse(text) as Json).choices[0];
    expect(choice.text).toMatch(/^ [a-z]{2,8}\.$/);
    expect(choice.tokenscope.raw_logprobs).toHaveLength(choice.logprobs.tokens.length);
  });

  it('answers 400 naming the field for a bad constraint', async () => {
    const cases: Array<[Json, RegExp]> = [
      [{ tokenscope: { constraint: { kind: 'choices', choices: [] } } }, /choices/],
      [{ tokenscope: { constraint: { kind: 'regex' } } }, /kind/],
      [
        { tokenscope: { constraint: { kind: 'grammar', gbnf: 'root ::= nowhere' } } },
        /invalid constraint\.gbnf/,
      ],
      [
        { tokenscope: { constraint: { kind: 'json-schema', schema: { type: 'wat' } } } },
        /invalid constraint\.schema: type: expected one of/,
      ],
      [{ response_format: { type: 'xml' } }, /response_format/],
      [
        { response_format: { type: 'json_object' }, tokenscope: { constraint: choices } },
        /either "response_format" or "tokenscope"/,
      ],
    ];
    for (const [extra, message] of cases) {
      const { status, text } = await post('/v1/chat/completions', { messages, max_tokens: 4, ...extra });
      expect(status, text).toBe(400);
      const error = (JSON.parse(text) as Json).error;
      expect(error.type).toBe('invalid_request_error');
      expect(error.message).toMatch(message);
    }
  });
});
