import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NoLogprobsError } from '../errors/NoLogprobsError.js';
import { TruncatedStreamError } from '../errors/TruncatedStreamError.js';
import type { ParseOptions } from './FormatParser.js';
import { gemini } from './gemini.js';
import { parseResponse } from './parseResponse.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

function parseValues(input: unknown[], options?: ParseOptions) {
  const acc = gemini.accumulate(options);
  for (const v of input) acc.push(v);
  return acc.finish();
}

const whole = () => JSON.parse(fixture('gemini.generate-content.unrecorded.json')) as Record<string, unknown>;

describe('gemini', () => {
  it('reads logprobsResult with exact values, ids and the model version', () => {
    const r = parseValues([whole()]);
    expect(r).toMatchObject({ format: 'gemini', model: 'gemini-2.0-flash', id: 'rsp-unrecorded-1' });
    const c = r.completions[0]!;
    expect(c.text).toBe('The sky is blue');
    expect(c.finishReason).toBe('STOP');
    expect(c.distribution).toBe('unknown');
    expect(c.tokens.map((t) => [t.text, t.logprob, t.id])).toEqual([
      ['The', -0.0478, 651],
      [' sky', 0, 8203], // logProbability left out by proto3: 0
      [' is', -0.0012, 603],
      [' blue', -2.3027, 3868],
    ]);
    // the chosen " blue" is not among its top candidates, and is not added
    expect(c.tokens[3]!.top.map((a) => a.text)).toEqual([' often', ' usually']);
    // -1.27e30 is a sentinel: null, raw kept
    expect(c.tokens[1]!.top[1]).toMatchObject({ text: ' ocean', logprob: null, raw: -1.2676506e30 });
  });

  it('gives the same completion from streamGenerateContent SSE through parseResponse', () => {
    const stream = parseResponse(fixture('gemini.stream-generate-content.unrecorded.sse.txt'));
    expect(stream).toEqual(parseValues([whole()]));
  });

  it('reads a Vertex JSON array of chunks through parseResponse', () => {
    const chunks = fixture('gemini.stream-generate-content.unrecorded.sse.txt')
      .split('\r\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => l.slice(6));
    // Vertex's REST streamGenerateContent (without alt=sse) answers one pretty-printed array
    const array = JSON.stringify(
      chunks.map((c) => JSON.parse(c)),
      null,
      2,
    );
    expect(parseResponse(array)).toEqual(parseValues([whole()]));
  });

  it('reads the snake_case keys of the Python SDK dump', () => {
    const snake = JSON.parse(
      JSON.stringify(whole()).replace(/"([a-z]+)([A-Z][a-zA-Z]*)":/g, (_, a: string, b: string) => {
        return `"${a}${b.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`)}":`;
      }),
    );
    expect(snake.candidates[0].logprobs_result.chosen_candidates[0].log_probability).toBe(-0.0478);
    expect(gemini.detect(snake)).toBe(true);
    expect(parseValues([snake]).completions).toEqual(parseValues([whole()]).completions);
  });

  it('says to set responseLogprobs and logprobs when a candidate has text but no logprobsResult', () => {
    const run = () => parseResponse(fixture('gemini.bad-no-logprobs-result.unrecorded.json'));
    expect(run).toThrow(NoLogprobsError);
    expect(run).toThrow('"generationConfig": {"responseLogprobs": true, "logprobs": 5}');
    expect(() => parseValues([{ promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: {} }])).toThrow(
      'the prompt was blocked (SAFETY)',
    );
  });

  it('names the path of a bad value', () => {
    const bad = whole() as {
      candidates: Array<{
        logprobsResult: { topCandidates: Array<{ candidates: Array<Record<string, unknown>> }> };
      }>;
    };
    bad.candidates[0]!.logprobsResult.topCandidates[2]!.candidates[1]!.logProbability = 3;
    expect(() => parseValues([bad])).toThrow(
      'invalid value at candidates[0].logprobsResult.topCandidates[2].candidates[1].logProbability: a logprob cannot be positive, got 3',
    );
  });

  it('rejects a stream whose chunks never finish unless allowTruncated', () => {
    const first = JSON.parse(
      fixture('gemini.stream-generate-content.unrecorded.sse.txt').split('\r\n')[0]!.slice(6),
    );
    expect(() => parseValues([first, first])).toThrow(TruncatedStreamError);
    expect(parseValues([first], { allowTruncated: true }).completions[0]!.text).toBe('The sky');
  });

  it('detects Gemini shapes and not OpenAI ones', () => {
    expect(gemini.detect(whole())).toBe(true);
    expect(gemini.detect({ choices: [{ message: { content: 'x' } }] })).toBe(false);
    expect(gemini.detect([whole()])).toBe(false);
  });
});
