import { writeFileSync } from 'node:fs';
import { analyze, isControlShaped, parseResponse } from '@tokenscope/core';
import { type Engine, loadEngine } from '@tokenscope/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS_DIR } from '../test/storiesEngine.js';
import { createApp } from './createApp.js';

/**
 * How `tokenscope serve` ends an answer: the local engine stops at the end-of-generation token
 * without listing it (as OpenAI does), so `logprobs` never holds a control token and its tokens
 * concatenate to the content exactly. TinyStories-656K ends its stories by itself (stories260K runs to
 * the limit). `RECORD_FIXTURES=1` saves the answer as core's recorded fixture.
 */

const FIXTURES = new URL('../../core/src/formats/__fixtures__/', import.meta.url);
let engine: Engine;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  engine = await loadEngine(`${MODELS_DIR.replace(/\/?$/, '/')}TinyStories-656K-Q8_0.gguf`, { threads: 1 });
  app = createApp({ engines: [engine] });
});
afterAll(() => engine?.close());

// biome-ignore lint/suspicious/noExplicitAny: our own JSON, checked by the expectations
type Json = Record<string, any>;

async function post(path: string, body: Json): Promise<string> {
  const response = await app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: engine.info.id, ...body }),
  });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return text;
}

describe('tokenscope serve at the end of an answer', () => {
  it('/v1/completions: an answer ended by the model lists no control token; content is the tokens joined', async () => {
    const text = await post('/v1/completions', {
      prompt: 'Once upon a time',
      max_tokens: 400,
      temperature: 0.8,
      seed: 2,
      logprobs: 2,
    });
    if (process.env.RECORD_FIXTURES === '1') {
      writeFileSync(
        new URL('openai-completions.tokenscope-serve-tinystories-eos.recorded.json', FIXTURES),
        text,
      );
    }
    const body = JSON.parse(text) as Json;
    const choice = body.choices[0];
    expect(choice.finish_reason).toBe('stop');
    expect(choice.logprobs.tokens.length).toBe(body.usage.completion_tokens);
    expect(choice.logprobs.tokens.join('')).toBe(choice.text);
    expect(choice.logprobs.tokens.some(isControlShaped)).toBe(false);
    const analysis = analyze(parseResponse(text));
    expect(analysis.text).toBe(choice.text);
    expect(analysis.summary.controlTokens).toBe(0);
    expect(analysis.ending).toEqual({ kind: 'stop', cutOff: false, finishReason: 'stop' });
  });

  it('/v1/completions cut off by max_tokens says length, and the analysis calls it cut off', async () => {
    const text = await post('/v1/completions', { prompt: 'Once upon a time', max_tokens: 5, logprobs: 1 });
    const choice = (JSON.parse(text) as Json).choices[0];
    expect(choice.finish_reason).toBe('length');
    expect(analyze(parseResponse(text)).ending).toEqual({
      kind: 'length',
      cutOff: true,
      finishReason: 'length',
    });
  });
});
