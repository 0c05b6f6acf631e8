import type { RunRecord } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { type ComposeForm, emptyForm, formFromRun, toGenerateBody } from './composeForm';

function filled(overrides: Partial<ComposeForm> = {}): ComposeForm {
  const form = emptyForm('stories260K.gguf');
  form.messages = [
    { role: 'system', content: '' },
    { role: 'user', content: 'Once upon a time' },
  ];
  return { ...form, ...overrides };
}

describe('toGenerateBody', () => {
  it('builds a local chat request, dropping empty messages', () => {
    const check = toGenerateBody(filled({ seed: '42', topLogprobs: 'all' }));
    expect(check).toEqual({
      ok: true,
      body: {
        target: { kind: 'local', model: 'stories260K.gguf' },
        prompt: { kind: 'chat', messages: [{ role: 'user', content: 'Once upon a time' }] },
        params: { temperature: 0.8, topP: 0.95, maxTokens: 64, topLogprobs: 'all', seed: 42 },
      },
    });
  });

  it('leaves empty parameters to the model default', () => {
    const check = toGenerateBody(
      filled({ temperature: '', topP: ' ', maxTokens: '', topLogprobs: '', mode: 'text', text: 'Hi' }),
    );
    expect(check).toMatchObject({ ok: true, body: { params: {}, prompt: { kind: 'text', text: 'Hi' } } });
  });

  it('builds a remote request with the key for this request only', () => {
    const check = toGenerateBody(
      filled({
        target: 'remote',
        remote: { baseURL: ' https://api.example.com/v1 ', model: 'gpt-x', apiKey: 'sk-1' },
      }),
    );
    expect(check).toMatchObject({
      ok: true,
      body: {
        target: { kind: 'remote', baseURL: 'https://api.example.com/v1', model: 'gpt-x', apiKey: 'sk-1' },
      },
    });
  });

  it('says what to fix for each bad field', () => {
    const check = toGenerateBody({
      ...emptyForm(''),
      target: 'remote',
      remote: { baseURL: 'api.example.com', model: '', apiKey: '' },
      temperature: '3',
      topP: '0',
      maxTokens: '1.5',
      topLogprobs: 'all',
      seed: '-1',
    });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(Object.keys(check.errors).sort()).toEqual(
      ['baseURL', 'maxTokens', 'model', 'prompt', 'seed', 'temperature', 'topLogprobs', 'topP'].sort(),
    );
    expect(check.errors.topLogprobs).toMatch(/at most 20/);
  });

  it('refuses a chat with only a system message, and a local run with no model', () => {
    const form = filled({ localModel: '' });
    form.messages = [{ role: 'system', content: 'Be brief.' }];
    const check = toGenerateBody(form);
    expect(check).toMatchObject({
      ok: false,
      errors: { prompt: expect.any(String), model: expect.any(String) },
    });
  });

  it('refuses more than 20 alternatives remotely but allows them locally', () => {
    expect(toGenerateBody(filled({ topLogprobs: '50' }))).toMatchObject({ ok: true });
    const remote = filled({
      target: 'remote',
      topLogprobs: '50',
      remote: { baseURL: 'http://x', model: 'm', apiKey: '' },
    });
    expect(toGenerateBody(remote)).toMatchObject({ ok: false, errors: { topLogprobs: expect.any(String) } });
  });
});

describe('formFromRun', () => {
  it('fills the prompt, target and parameters of a remote run and keeps the key in memory', () => {
    const current = { ...emptyForm('a.gguf'), remote: { baseURL: '', model: '', apiKey: 'sk-mem' } };
    const run = {
      source: 'remote',
      endpoint: 'https://api.example.com/v1',
      model: 'gpt-x',
      prompt: { kind: 'text', text: 'Hello' },
      params: { temperature: 0, topLogprobs: 5 },
    } as unknown as RunRecord;
    const form = formFromRun(run, current);
    expect(form).toMatchObject({
      mode: 'text',
      text: 'Hello',
      target: 'remote',
      remote: { baseURL: 'https://api.example.com/v1', model: 'gpt-x', apiKey: 'sk-mem' },
      temperature: '0',
      topP: '',
      topLogprobs: '5',
    });
    expect(current.remote.baseURL).toBe('');
  });
});

describe('confidence and samples', () => {
  it('a local logprobs run sends neither (the model always gives logprobs)', () => {
    const check = toGenerateBody(filled());
    expect(check.ok && 'confidence' in check.body).toBe(false);
    expect(check.ok && 'samples' in check.body).toBe(false);
  });

  it('sampling or both send the choice and the samples', () => {
    expect(toGenerateBody(filled({ confidence: 'consistency', samples: '7' }))).toMatchObject({
      ok: true,
      body: { confidence: 'consistency', samples: 7 },
    });
    expect(toGenerateBody(filled({ confidence: 'both' }))).toMatchObject({
      ok: true,
      body: { confidence: 'both', samples: 5 },
    });
  });

  it('a remote logprobs run sends the samples for the fallback', () => {
    const check = toGenerateBody(
      filled({ target: 'remote', remote: { baseURL: 'http://h/v1', model: 'o3', apiKey: '' }, samples: '4' }),
    );
    expect(check).toMatchObject({ ok: true, body: { samples: 4 } });
    expect(check.ok && 'confidence' in check.body).toBe(false);
  });

  it('says what to fix: samples out of range, sampling with a constraint', () => {
    expect(toGenerateBody(filled({ confidence: 'consistency', samples: '1' }))).toEqual({
      ok: false,
      errors: { samples: 'Samples: a whole number from 2 to 50.' },
    });
    const constrained = toGenerateBody(
      filled({ confidence: 'both', constraint: { kind: 'choices', choices: 'a\nb', schema: '', gbnf: '' } }),
    );
    expect(constrained.ok).toBe(false);
    expect(!constrained.ok && constrained.errors.constraint).toMatch(/choose Logprobs confidence/);
  });

  it('a rerun of a sampled run keeps sampling and its number of samples', () => {
    const run = {
      prompt: { kind: 'text', text: 'Hi' },
      source: 'local',
      model: 'a.gguf',
      params: {},
      response: {
        format: 'openai-completions',
        completions: [{ index: 0, text: 'x', tokens: [], distribution: 'unknown', topK: 0 }],
      },
      consistency: { samples: [{ text: 'x' }, { text: 'y' }, { text: 'x' }] },
    } as unknown as RunRecord;
    const form = formFromRun(run, emptyForm('a.gguf'));
    expect(form).toMatchObject({ confidence: 'consistency', samples: '3' });
  });
});
