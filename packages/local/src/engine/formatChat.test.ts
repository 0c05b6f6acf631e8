import { join } from 'node:path';
import { getLlama, JinjaTemplateChatWrapper, LlamaLogLevel, type LlamaModel } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS_DIR } from '../../test/buildLocal.js';
import { fallbackChatPrompt, formatChat } from './formatChat.js';

const CHATML =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

let model: LlamaModel;
beforeAll(async () => {
  const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
  model = await llama.loadModel({ modelPath: join(MODELS_DIR, 'stories260K.gguf') });
});
afterAll(async () => {
  await model?.dispose();
});

describe('fallbackChatPrompt', () => {
  it('writes one "Role: content" line per message and opens the assistant turn, with no #', () => {
    const { text, stops } = fallbackChatPrompt([
      { role: 'developer', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello.' },
      { role: 'tool', content: '42' },
    ]);
    expect(text).toBe('System: Be brief.\nUser: Hi\nAssistant: Hello.\nTool: 42\nAssistant:');
    expect(stops).toEqual(['\nUser:', '\nSystem:', '\nTool:']);
    expect(text).not.toContain('#');
  });

  it('leaves a last assistant message open for the model to continue', () => {
    const { text } = fallbackChatPrompt([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Once' },
    ]);
    expect(text).toBe('User: Hi\nAssistant: Once');
  });
});

describe('formatChat', () => {
  it('uses the fallback template (with BOS) for a model without one', () => {
    const chat = formatChat(model, [{ role: 'user', content: 'Hi' }], { hasTemplate: false, bos: 1 });
    expect(chat.template).toBe('fallback');
    expect(chat.text).toBe('User: Hi\nAssistant:');
    expect(chat.tokens[0]).toBe(1);
    expect(model.detokenize(chat.tokens.slice(1) as never)).toBe(chat.text);
  });

  it("renders the messages with a model's Jinja chat template", () => {
    const wrapper = new JinjaTemplateChatWrapper({ template: CHATML, tokenizer: model.tokenizer });
    const chat = formatChat(
      model,
      [
        { role: 'system', content: 'Be kind.' },
        { role: 'user', content: 'Hi' },
      ],
      { hasTemplate: true, bos: 1, wrapper },
    );
    expect(chat.template).toBe('model');
    expect(chat.text).toContain('<|im_start|>system\nBe kind.<|im_end|>');
    expect(chat.text).toContain('<|im_start|>user\nHi<|im_end|>');
    expect(chat.text.trimEnd().endsWith('<|im_start|>assistant')).toBe(true);
    expect(chat.tokens.length).toBeGreaterThan(10);
    expect(chat.stops.some((s) => s.includes('<|im_end|>'))).toBe(true);
  });
});
