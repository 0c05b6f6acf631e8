import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidValueError } from '../errors/InvalidValueError.js';
import { NoLogprobsError } from '../errors/NoLogprobsError.js';
import { openaiCompletions } from './openaiCompletions.js';
import { parseResponse } from './parseResponse.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

const legacy = (logprobs: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    object: 'text_completion',
    choices: [{ index: 0, text: 'ab', logprobs, finish_reason: 'stop' }],
    ...extra,
  });

describe('openaiCompletions', () => {
  it('detects text_completion objects and text choices', () => {
    expect(openaiCompletions.detect({ object: 'text_completion', choices: [] })).toBe(true);
    expect(openaiCompletions.detect({ choices: [{ text: 'x' }] })).toBe(true);
    expect(openaiCompletions.detect({ choices: [{ message: {} }] })).toBe(false);
  });

  it('reads parallel arrays with {token: logprob} maps and merges bytes:\\x tokens', () => {
    const c = parseResponse(fixture('openai-completions.split-bytes.unrecorded.json')).completions[0]!;
    expect(c.text).toBe(' Yes—sure');
    expect(c.tokens.map((t) => t.text)).toEqual([' Yes', '', '—', 's', 'ure']);
    expect(c.tokens[0]!.top.map((a) => [a.text, a.logprob])).toEqual([
      [' Yes', -0.3],
      [' No', -1.5],
    ]);
  });

  it('splits the echoed prompt at usage.prompt_tokens', () => {
    const c = parseResponse(fixture('openai-completions.echo.unrecorded.json')).completions[0]!;
    expect(c.prompt!.map((t) => [t.text, t.logprob])).toEqual([
      ['The', null],
      [' sky', -6.1],
      [' is', -1.2],
    ]);
    expect(c.text).toBe(' blue');
  });

  it('without usage, takes a stream first chunk as the prompt, and a whole response as all prompt', () => {
    const whole = legacy({ tokens: ['a', 'b'], token_logprobs: [null, -1], top_logprobs: null });
    expect(parseResponse(whole).completions[0]!.prompt).toHaveLength(2);
    const chunk = (tokens: string[], lps: unknown[], fin: string | null) =>
      JSON.stringify({
        object: 'text_completion',
        choices: [
          { index: 0, text: tokens.join(''), logprobs: { tokens, token_logprobs: lps }, finish_reason: fin },
        ],
      });
    const stream = `${chunk(['P', 'q'], [null, -2], null)}\n${chunk(['x'], [-0.5], null)}\n${chunk(['y'], [-0.1], 'stop')}\n`;
    const c = parseResponse(stream).completions[0]!;
    expect(c.prompt!.map((t) => t.text)).toEqual(['P', 'q']);
    expect(c.text).toBe('xy');
  });

  it('accumulates streamed chunks until [DONE]', () => {
    const c = parseResponse(fixture('openai-completions.stream.unrecorded.sse.txt')).completions[0]!;
    expect(c.text).toBe('Hello, world');
    expect(c.finishReason).toBe('stop');
  });

  it('checks the arrays: lengths and values by path', () => {
    expect(() => parseResponse(legacy({ tokens: ['a', 'b'], token_logprobs: [-1] }))).toThrow(
      'invalid value at choices[0].logprobs.token_logprobs: expected 2 values (one per token in tokens), got 1',
    );
    expect(() =>
      parseResponse(legacy({ tokens: ['a'], token_logprobs: [-1], top_logprobs: [{ b: 2 }] })),
    ).toThrow(
      new InvalidValueError(
        'choices[0].logprobs.top_logprobs[0]["b"]',
        'a logprob cannot be positive, got 2',
      ),
    );
  });

  it('reports a real vLLM response without logprobs with the legacy hint', () => {
    const run = () => parseResponse(fixture('openai-completions.bad-no-logprobs.recorded.json'));
    expect(run).toThrow(NoLogprobsError);
    expect(run).toThrow('request "logprobs": 5');
  });
});
