import { describe, expect, it } from 'vitest';
import { emptyForm } from './composeForm';
import { modeForModel, usesFallbackTemplate } from './modeForModel';

const base = { id: 'stories260K', path: '/m/stories260K.gguf' };

describe('modeForModel', () => {
  it('gives a fresh form raw text for a model without a chat template, chat for one with', () => {
    expect(modeForModel(emptyForm('stories260K'), { ...base, hasChatTemplate: false }).mode).toBe('text');
    const text = { ...emptyForm('qwen'), mode: 'text' as const };
    expect(modeForModel(text, { ...base, id: 'qwen', hasChatTemplate: true }).mode).toBe('chat');
  });

  it('leaves the form alone when the model is not loaded yet or the user has started a prompt', () => {
    const fresh = emptyForm('stories260K');
    expect(modeForModel(fresh, base)).toBe(fresh);
    expect(modeForModel(fresh, undefined)).toBe(fresh);
    const typed = { ...fresh, messages: [{ role: 'user' as const, content: 'Hi' }] };
    expect(modeForModel(typed, { ...base, hasChatTemplate: false }).mode).toBe('chat');
    const written = { ...fresh, mode: 'text' as const, text: 'Once' };
    expect(modeForModel(written, { ...base, hasChatTemplate: true }).mode).toBe('text');
  });
});

describe('usesFallbackTemplate', () => {
  const models = [
    { ...base, hasChatTemplate: false },
    { id: 'qwen', path: '/m/qwen.gguf', hasChatTemplate: true },
    { id: 'new', path: '/m/new.gguf' },
  ];
  it('is true only for chat on a local model known to lack a template', () => {
    expect(usesFallbackTemplate(emptyForm('stories260K'), models)).toBe(true);
    expect(usesFallbackTemplate({ ...emptyForm('stories260K'), mode: 'text' }, models)).toBe(false);
    expect(usesFallbackTemplate(emptyForm('qwen'), models)).toBe(false);
    expect(usesFallbackTemplate(emptyForm('new'), models)).toBe(false);
    expect(usesFallbackTemplate({ ...emptyForm('stories260K'), target: 'remote' }, models)).toBe(false);
  });
});
