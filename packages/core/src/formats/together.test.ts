import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NoLogprobsError } from '../errors/NoLogprobsError.js';
import { parseResponse } from './parseResponse.js';
import { together } from './together.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('together', () => {
  it('is detected by token_ids, a numeric chunk logprob or the echo prompt', () => {
    expect(
      together.detect({ choices: [{ logprobs: { token_ids: [1], tokens: ['a'], token_logprobs: [-1] } }] }),
    ).toBe(true);
    expect(together.detect({ choices: [{ delta: {}, logprobs: -0.1 }] })).toBe(true);
    expect(together.detect({ choices: [{ text: '' }], prompt: [{ text: 'x', logprobs: {} }] })).toBe(true);
    expect(together.detect({ choices: [{ text: '' }], prompt: 'x' })).toBe(false);
  });

  it('reads ids and the echoed prompt', () => {
    const c = parseResponse(fixture('together.echo.unrecorded.json')).completions[0]!;
    expect(c.tokens.map((t) => [t.text, t.id, t.logprob])).toEqual([['!', 0, -0.8]]);
    expect(c.prompt!.map((t) => [t.text, t.id, t.logprob])).toEqual([
      ['Hi', 13347, null],
      [' there', 1070, -3.2],
    ]);
  });

  it('reads streamed chat chunks whose logprobs is a number', () => {
    const c = parseResponse(fixture('together.chat-stream.unrecorded.sse.txt')).completions[0]!;
    expect(c.tokens.map((t) => [t.text, t.id, t.logprob])).toEqual([
      ['Hel', 9906, -0.05],
      ['lo', 385, -0.3],
      ['!', 0, -0.7],
    ]);
    expect(c.topK).toBe(0);
  });

  it('asks for an integer logprobs when there are none', () => {
    const run = () =>
      parseResponse(
        JSON.stringify({
          choices: [{ text: 'x', logprobs: { token_ids: [], tokens: [], token_logprobs: [] } }],
        }),
      );
    expect(run).toThrow(NoLogprobsError);
    expect(run).toThrow('"logprobs": 1');
  });
});
