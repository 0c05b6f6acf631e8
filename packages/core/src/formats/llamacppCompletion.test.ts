import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidValueError } from '../errors/InvalidValueError.js';
import { NoLogprobsError } from '../errors/NoLogprobsError.js';
import { TruncatedStreamError } from '../errors/TruncatedStreamError.js';
import type { ParseOptions } from './FormatParser.js';
import { llamacppCompletion } from './llamacppCompletion.js';
import { parseResponse } from './parseResponse.js';

/** Reads a fixture as the JSON values a framer would push (SSE `data:` events, or one document). */
function values(name: string): { values: unknown[]; done: boolean } {
  const text = readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
  if (!name.endsWith('.sse.txt')) return { values: [JSON.parse(text)], done: false };
  const data = text
    .split(/\r?\n/)
    .filter((l) => l.startsWith('data:'))
    .map((l) => l.slice(5).trim());
  return {
    values: data.filter((d) => d !== '[DONE]').map((d) => JSON.parse(d)),
    done: data.includes('[DONE]'),
  };
}

function parse(name: string, options?: ParseOptions) {
  const acc = llamacppCompletion.accumulate(options);
  const input = values(name);
  for (const v of input.values) acc.push(v);
  if (input.done) acc.done();
  return acc.finish();
}

describe('llamacpp-completion', () => {
  it('reads a whole /completion response with exact values', () => {
    const r = parse('llamacpp-completion.whole.unrecorded.json');
    expect(r.format).toBe('llamacpp-completion');
    expect(r.model).toBe('gpt-3.5-turbo');
    const c = r.completions[0]!;
    expect(c.text).toBe(' Paris.');
    expect(c.distribution).toBe('raw');
    expect(c.finishReason).toBe('eos');
    expect(c.topK).toBe(3);
    expect(c.tokens.map((t) => [t.text, t.logprob, t.id])).toEqual([
      [' Paris', -0.0512, 12366],
      ['.', -0.3567, 13],
    ]);
    expect(c.tokens[0]!.top.map((a) => a.text)).toEqual([' Paris', ' a', ' the']);
    expect(c.tokens[0]!.top[1]!.logprob).toBe(-3.2218);
  });

  it('gives the same completion from the stream as from the whole response', () => {
    const stream = parse('llamacpp-completion.stream.unrecorded.sse.txt');
    const whole = parse('llamacpp-completion.whole.unrecorded.json');
    expect(stream).toEqual(whole);
  });

  it('parses the SSE text through parseResponse (detection and framing) to the same result', () => {
    const text = readFileSync(
      new URL('./__fixtures__/llamacpp-completion.stream.unrecorded.sse.txt', import.meta.url),
      'utf8',
    );
    expect(parseResponse(text)).toEqual(parse('llamacpp-completion.whole.unrecorded.json'));
    expect(() => parseResponse(text, { from: 'llamacpp-completion' })).not.toThrow();
  });

  it('turns post-sampling probabilities into logprobs (processed)', () => {
    const c = parse('llamacpp-completion.post-sampling-probs.unrecorded.json').completions[0]!;
    expect(c.distribution).toBe('processed');
    expect(c.tokens[0]!.logprob).toBeCloseTo(Math.log(0.8), 12);
    expect(c.tokens[0]!.raw).toBe(0.8);
    expect(c.tokens[0]!.top[1]!.logprob).toBeCloseTo(Math.log(0.2), 12);
    expect(c.tokens[1]!.logprob).toBe(0);
    // probability 0: excluded by the sampler, kept as a sentinel
    expect(c.tokens[1]!.top[1]).toMatchObject({ text: ',', logprob: null, raw: 0 });
  });

  it('names the path of a probability above 1', () => {
    expect(() => parse('llamacpp-completion.bad-prob-above-one.unrecorded.json')).toThrow(
      'invalid value at completion_probabilities[1].top_probs[1].prob: a probability must be within 0..1, got 1.5',
    );
  });

  it('names the path of NaN and positive logprobs', () => {
    const bad = () =>
      llamacppCompletion
        .accumulate()
        .push({ content: 'a', stop: true, completion_probabilities: [{ token: 'a', logprob: 2 }] });
    expect(bad).toThrow(InvalidValueError);
    expect(bad).toThrow('completion_probabilities[0].logprob');
    const nan = () =>
      llamacppCompletion.accumulate().push({
        content: 'a',
        stop: true,
        completion_probabilities: [
          { token: 'a', logprob: -1, top_logprobs: [{ token: 'b', logprob: Number.NaN }] },
        ],
      });
    expect(nan).toThrow('completion_probabilities[0].top_logprobs[0].logprob: expected a logprob, got NaN');
  });

  it('says to request n_probs when the response has no logprobs', () => {
    expect(() => parse('llamacpp-completion.bad-no-logprobs.unrecorded.json')).toThrow(NoLogprobsError);
    expect(() => parse('llamacpp-completion.bad-no-logprobs.unrecorded.json')).toThrow('"n_probs": 5');
  });

  it('rejects a recorded stream excerpt without its stop chunk, and reads it with allowTruncated', () => {
    expect(() => parse('llamacpp-completion.bad-truncated-excerpt.recorded.sse.txt')).toThrow(
      TruncatedStreamError,
    );
    const c = parse('llamacpp-completion.bad-truncated-excerpt.recorded.sse.txt', { allowTruncated: true })
      .completions[0]!;
    expect(c.text).toBe('овые щё');
    expect(c.tokens.map((t) => t.id)).toEqual([129377, 231, 44022]);
    expect(c.tokens[1]!.logprob).toBe(-1.5497220147153712e-6);
    expect(c.tokens[1]!.top[0]).toMatchObject({ id: 231, bytes: [137] });
    expect(c.tokens[2]!.top).toHaveLength(10);
  });

  it('reads the legacy {content, probs: [{tok_str, prob}]} entries and their byte tokens', () => {
    const c = parse('llamacpp-completion.bad-truncated-legacy-probs.recorded.sse.txt', {
      allowTruncated: true,
    }).completions[0]!;
    expect(c.distribution).toBe('unknown');
    expect(c.tokens[0]!.logprob).toBeCloseTo(Math.log(0.9999388456344604), 12);
    expect(c.tokens[1]!.bytes).toEqual([0x89]);
    expect(c.tokens[1]!.rawText).toBe('byte: \\x89');
    expect(c.tokens[2]!.top[1]).toMatchObject({ text: 'еч' });
    expect(c.tokens[2]!.top[1]!.logprob).toBeCloseTo(Math.log(0.013123268261551857), 12);
  });

  it('reads an array of responses (several prompts) as several completions', () => {
    const one = (content: string, lp: number) => ({
      content,
      stop: true,
      completion_probabilities: [{ id: 1, token: content, logprob: lp, top_logprobs: [] }],
    });
    const acc = llamacppCompletion.accumulate();
    acc.push([one('A', -0.1), { ...one('B', -0.2), index: 1 }]);
    const r = acc.finish();
    expect(r.completions.map((c) => [c.index, c.text, c.tokens[0]!.logprob])).toEqual([
      [0, 'A', -0.1],
      [1, 'B', -0.2],
    ]);
  });

  it('detects llama.cpp shapes and leaves OpenAI shapes alone', () => {
    expect(llamacppCompletion.detect(values('llamacpp-completion.whole.unrecorded.json').values[0])).toBe(
      true,
    );
    expect(llamacppCompletion.detect({ content: '', stop: false, id_slot: 0 })).toBe(true);
    expect(
      llamacppCompletion.detect({
        object: 'chat.completion',
        choices: [],
        completion_probabilities: [],
      }),
    ).toBe(false);
    expect(llamacppCompletion.detect({ choices: [{ logprobs: { content: [] } }] })).toBe(false);
    expect(llamacppCompletion.detect({ generated_text: 'x' })).toBe(false);
  });
});
