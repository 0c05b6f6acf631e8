import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseResponse } from './parseResponse.js';
import { readPromptLogprobs } from './readPromptLogprobs.js';
import { vllm } from './vllm.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('vllm', () => {
  it('is detected only by its own features', () => {
    expect(vllm.detect({ choices: [{ message: {} }], prompt_logprobs: null })).toBe(true);
    expect(vllm.detect({ choices: [{ text: '', prompt_logprobs: null }] })).toBe(true);
    expect(
      vllm.detect({ choices: [{ text: '', logprobs: { tokens: ['token_id:5'], token_logprobs: [-1] } }] }),
    ).toBe(true);
    expect(vllm.detect({ choices: [{ message: {}, stop_reason: null }] })).toBe(false);
  });

  it('reads top-level prompt_logprobs into every completion, with raw values', () => {
    const c = parseResponse(fixture('vllm.chat-prompt-logprobs.unrecorded.json')).completions[0]!;
    expect(c.distribution).toBe('raw');
    // Positions with 2 entries where the fewest is 1: the prompt token is outside the top-1, the largest rank.
    expect(c.prompt!.map((t) => [t.text, t.id, t.logprob])).toEqual([
      ['Capital', 3923, -7.2],
      [' of', 315, -0.3],
      [' France', 9822, -2.6],
    ]);
    expect(c.prompt![0]!.top.map((a) => a.text)).toEqual(['The']);
  });

  it('uses prompt_token_ids when given and keeps token_id: text with its id', () => {
    const c = parseResponse(fixture('vllm.completions-token-ids.unrecorded.json')).completions[0]!;
    expect(c.prompt!.map((t) => [t.id, t.logprob])).toEqual([
      [1, -3.5],
      [2, -0.1],
    ]);
    expect(c.tokens.map((t) => [t.text, t.id, t.logprob, t.raw])).toEqual([
      ['token_id:16', 16, -0.4, undefined],
      ['token_id:17', 17, null, -9999],
    ]);
    expect(c.tokens[1]!.top.map((a) => a.id)).toEqual([19, 17]);
  });

  it('picks the prompt token in each position by the documented rule', () => {
    const list = [
      null,
      { '7': { logprob: -2, rank: 1, decoded_token: 'x' } },
      {
        '8': { logprob: -0.5, rank: 1, decoded_token: 'y' },
        '9': { logprob: -5, rank: 40, decoded_token: 'z' },
      },
    ];
    expect(readPromptLogprobs(list, undefined, 'p').map((t) => t.text)).toEqual(['x', 'z']);
    expect(readPromptLogprobs(list, [0, 7, 8], 'p').map((t) => t.text)).toEqual(['x', 'y']);
    expect(() => readPromptLogprobs(list, [0, 7, 99], 'p')).toThrow(
      'invalid value at p[2]: the prompt token id 99',
    );
  });

  it('repairs U+FFFD tokens with useless bytes from the message content', () => {
    const c = parseResponse(fixture('vllm.split-fffd.unrecorded.json')).completions[0]!;
    expect(c.text).toBe('I 🦀 you');
    expect(c.tokens.map((t) => t.text)).toEqual(['I', ' ', '', '🦀', ' you']);
  });
});
