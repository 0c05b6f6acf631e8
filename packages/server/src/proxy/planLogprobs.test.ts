import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/testUpstream.js';
import { planLogprobs } from './planLogprobs.js';
import { stripLogprobs } from './stripLogprobs.js';
import { UpstreamUrl } from './UpstreamUrl.js';

const m = { model: 'm' };

describe('planLogprobs', () => {
  it.each([
    ['chat without logprobs', 'chat', m, { ...m, logprobs: true, top_logprobs: 5 }, 'all'],
    [
      'chat with logprobs: false',
      'chat',
      { ...m, logprobs: false },
      { ...m, logprobs: true, top_logprobs: 5 },
      'all',
    ],
    [
      'chat asking 2',
      'chat',
      { ...m, logprobs: true, top_logprobs: 2 },
      { ...m, logprobs: true, top_logprobs: 5 },
      2,
    ],
    [
      'chat asking logprobs only',
      'chat',
      { ...m, logprobs: true },
      { ...m, logprobs: true, top_logprobs: 5 },
      0,
    ],
    ['chat asking 7', 'chat', { ...m, logprobs: true, top_logprobs: 7 }, undefined, 'none'],
    [
      "chat with top_logprobs alone (the client's error)",
      'chat',
      { ...m, top_logprobs: 2 },
      undefined,
      'none',
    ],
    ['chat with a string logprobs', 'chat', { ...m, logprobs: 'yes' }, undefined, 'none'],
    ['completions without logprobs', 'completions', m, { ...m, logprobs: 5 }, 'all'],
    ['completions asking 1 (never raised)', 'completions', { ...m, logprobs: 1 }, undefined, 'none'],
    [
      'responses without include',
      'responses',
      { ...m, include: ['reasoning.encrypted_content'] },
      { ...m, include: ['reasoning.encrypted_content', 'message.output_text.logprobs'], top_logprobs: 5 },
      'all',
    ],
    [
      'responses asking 1',
      'responses',
      { ...m, include: ['message.output_text.logprobs'], top_logprobs: 1 },
      { ...m, include: ['message.output_text.logprobs'], top_logprobs: 5 },
      1,
    ],
    ['responses with a string include', 'responses', { ...m, include: 'x' }, undefined, 'none'],
    ['a body that is not an object', 'chat', [1, 2], undefined, 'none'],
  ] as const)('%s', (_, kind, body, sent, strip) => {
    const plan = planLogprobs(kind, body, 5);
    expect(plan.sent).toEqual(sent);
    expect(plan.strip).toBe(strip);
  });

  it('records the alternatives the upstream was asked for', () => {
    expect(planLogprobs('chat', m, 5).topLogprobs).toBe(5);
    expect(planLogprobs('chat', { ...m, logprobs: true, top_logprobs: 9 }, 5).topLogprobs).toBe(9);
    expect(planLogprobs('completions', { ...m, logprobs: 1 }, 5).topLogprobs).toBe(1);
    expect(planLogprobs('chat', { ...m, top_logprobs: 2 }, 5).topLogprobs).toBeUndefined();
    expect(planLogprobs('responses', { ...m, top_logprobs: 8 }, 5).sent?.top_logprobs).toBe(8);
  });

  it('leaves the client body untouched', () => {
    const body = { ...m, messages: [] };
    planLogprobs('chat', body, 5);
    expect(body).toEqual({ ...m, messages: [] });
  });
});

describe('stripLogprobs', () => {
  const recorded = JSON.parse(fixture('openai-chat.tokenscope-serve-stories260k.recorded.json'));

  it('sets chat logprobs to null, as a server that was not asked sends them', () => {
    const value = structuredClone(recorded);
    expect(stripLogprobs(planLogprobs('chat', m, 5), value, false)).toEqual({ changed: true, empty: false });
    expect(value.choices[0].logprobs).toBeNull();
    expect(value.choices[0].message).toEqual(recorded.choices[0].message);
  });

  it('trims alternatives to the count the client asked for', () => {
    const value = structuredClone(recorded);
    stripLogprobs(planLogprobs('chat', { ...m, logprobs: true, top_logprobs: 1 }, 5), value, false);
    const items = value.choices[0].logprobs.content as Array<{ top_logprobs: unknown[] }>;
    for (const [i, item] of items.entries()) {
      expect(item.top_logprobs).toEqual(recorded.choices[0].logprobs.content[i].top_logprobs.slice(0, 1));
    }
  });

  it('drops a stream chunk that only carried logprobs, keeps one that says anything else', () => {
    const plan = planLogprobs('chat', m, 5);
    const chunk = (delta: object, finish: string | null = null) => ({
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta, logprobs: { content: [] }, finish_reason: finish }],
    });
    expect(stripLogprobs(plan, chunk({ content: '' }), true).empty).toBe(true);
    expect(stripLogprobs(plan, chunk({ content: '' }), false).empty).toBe(false);
    expect(stripLogprobs(plan, chunk({ content: 'a' }), true).empty).toBe(false);
    expect(stripLogprobs(plan, chunk({ content: '' }, 'stop'), true).empty).toBe(false);
    expect(stripLogprobs(plan, chunk({ role: 'assistant', content: '' }), true).empty).toBe(false);
    const legacy = {
      object: 'text_completion',
      choices: [{ text: '', logprobs: { tokens: ['\\xe2'] }, finish_reason: null }],
    };
    expect(stripLogprobs(planLogprobs('completions', m, 5), legacy, true)).toEqual({
      changed: true,
      empty: true,
    });
  });

  it('ignores values that are not responses', () => {
    const plan = planLogprobs('chat', m, 5);
    for (const value of [null, 3, 'text', [], { choices: 'x' }, { choices: [null, 1] }]) {
      expect(stripLogprobs(plan, value, true)).toEqual({ changed: false, empty: false });
    }
  });
});

describe('UpstreamUrl', () => {
  it('maps /v1/<rest> onto the base, adding /v1 to a bare origin', () => {
    expect(new UpstreamUrl('http://h:8080').resolve('/models', '')).toBe('http://h:8080/v1/models');
    expect(new UpstreamUrl('https://api.example.com/api/v1/').resolve('/chat/completions', '?a=1')).toBe(
      'https://api.example.com/api/v1/chat/completions?a=1',
    );
    expect(new UpstreamUrl('http://h/v1?api-version=1#x').display).toBe('http://h/v1');
  });

  it.each([
    ['not a URL', 'localhost:8080', /expected an http\(s\) URL/],
    [
      'another protocol',
      'ftp://h/v1',
      /expected an http\(s\) URL such as http:\/\/127.0.0.1:8080\/v1, got "ftp:\/\/h\/v1"/,
    ],
    ['credentials', 'http://user:secret@h/v1', /holds credentials/],
  ])('rejects %s', (_, text, message) => {
    expect(() => new UpstreamUrl(text)).toThrow(message);
    try {
      new UpstreamUrl(text);
    } catch (error) {
      expect(String(error)).not.toContain('secret');
    }
  });
});
