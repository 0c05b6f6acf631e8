import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NoLogprobsError } from '../errors/NoLogprobsError.js';
import { TruncatedStreamError } from '../errors/TruncatedStreamError.js';
import type { ParseOptions } from './FormatParser.js';
import { parseResponse } from './parseResponse.js';
import { tgi } from './tgi.js';

/** Reads a fixture as the JSON values a framer would push (SSE `data:` events, or one document). */
function values(name: string): unknown[] {
  const text = readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
  if (!name.endsWith('.sse.txt')) return [JSON.parse(text)];
  return text
    .split(/\r?\n/)
    .filter((l) => l.startsWith('data:'))
    .map((l) => JSON.parse(l.slice(5)));
}

function parseValues(input: unknown[], options?: ParseOptions) {
  const acc = tgi.accumulate(options);
  for (const v of input) acc.push(v);
  return acc.finish();
}
const parse = (name: string, options?: ParseOptions) => parseValues(values(name), options);

describe('tgi', () => {
  it('reads a recorded /generate response with its prefill as the prompt', () => {
    const r = parse('tgi.generate.recorded.json');
    const c = r.completions[0]!;
    expect(r.format).toBe('tgi');
    expect(c.distribution).toBe('processed');
    expect(c.text).toBe(' for /api/v1/projects/1');
    expect(c.finishReason).toBe('length');
    expect(c.tokens).toHaveLength(10);
    expect(c.tokens[0]).toMatchObject({ text: ' for', logprob: -1.5351562, id: 363, special: false });
    expect(c.tokens[9]!.logprob).toBe(-1.9394531);
    expect(c.topK).toBe(0);
    expect(c.prompt!.map((t) => [t.text, t.logprob])).toEqual([
      ['<s>', null],
      ['Test', -8.6875],
      ['request', -11.546875],
    ]);
  });

  it('reads a recorded /generate_stream (20 events, generated_text on the last)', () => {
    const c = parse('tgi.generate-stream.recorded.sse.txt').completions[0]!;
    expect(c.text).toBe('\n日本で一番高い山はなんですか?\nベストアンサー\n富士山です。');
    expect(c.tokens).toHaveLength(20);
    expect(c.tokens[14]).toMatchObject({ text: 'サー', logprob: -0.0000014305115, id: 32119 });
  });

  it('parses the recorded SSE text through parseResponse (detection and framing)', () => {
    const text = readFileSync(
      new URL('./__fixtures__/tgi.generate-stream.recorded.sse.txt', import.meta.url),
      'utf8',
    );
    expect(parseResponse(text)).toEqual(parse('tgi.generate-stream.recorded.sse.txt'));
  });

  it('reads top_tokens and gives the stream the same tokens as the whole response', () => {
    const whole = parse('tgi.top-tokens.unrecorded.json').completions[0]!;
    const stream = parse('tgi.top-tokens-stream.unrecorded.sse.txt').completions[0]!;
    expect(whole.topK).toBe(2);
    expect(whole.tokens[1]!.top.map((a) => [a.text, a.logprob])).toEqual([
      ['.', -0.6953125],
      [',', -0.9453125],
    ]);
    // TGI marks the `</s>` special and leaves it out of generated_text: a control token.
    expect(whole.tokens[2]).toMatchObject({ text: '', rawText: '</s>', special: true, control: true });
    expect(whole.text).toBe(' Paris.');
    expect(whole.finishReason).toBe('eos_token');
    expect(stream.tokens).toEqual(whole.tokens);
    expect(stream.finishReason).toBe('eos_token');
    expect(stream.prompt).toBeUndefined();
  });

  it('reads an array of responses and best_of_sequences as several completions', () => {
    const one = values('tgi.generate.recorded.json')[0] as Record<string, unknown>;
    const r = parseValues([[one, one]]);
    expect(r.completions.map((c) => c.index)).toEqual([0, 1]);
    const details = structuredClone(one.details) as Record<string, unknown>;
    const best = { ...(one.details as object), generated_text: ' for /api/v1/projects/1' };
    expect(
      parseValues([{ ...one, details: { ...details, best_of_sequences: [best] } }]).completions,
    ).toHaveLength(2);
  });

  it('says to request details and top_n_tokens when details are missing', () => {
    const run = () => parse('tgi.bad-no-details.unrecorded.json');
    expect(run).toThrow(NoLogprobsError);
    expect(run).toThrow('"details": true and "top_n_tokens": 5');
  });

  it('names the path of a bad value in top_tokens', () => {
    expect(() => parse('tgi.bad-positive-logprob.unrecorded.json')).toThrow(
      'invalid value at details.top_tokens[1][1].logprob: a logprob cannot be positive, got 0.25',
    );
    const events = values('tgi.top-tokens-stream.unrecorded.sse.txt') as Array<{
      token: { logprob: unknown };
    }>;
    events[1]!.token.logprob = 'nan';
    expect(() => parseValues(events)).toThrow('invalid value at (event 2) token.logprob');
  });

  it('rejects a stream that never sets generated_text unless allowTruncated', () => {
    const events = values('tgi.generate-stream.recorded.sse.txt').slice(0, 5);
    expect(() => parseValues(events)).toThrow(TruncatedStreamError);
    expect(parseValues(events, { allowTruncated: true }).completions[0]!.text).toBe('\n日本で一番高い');
  });

  it('detects TGI shapes only', () => {
    expect(tgi.detect(values('tgi.generate.recorded.json')[0])).toBe(true);
    expect(tgi.detect(values('tgi.generate-stream.recorded.sse.txt')[0])).toBe(true);
    expect(tgi.detect([{ generated_text: 'x' }])).toBe(true);
    expect(tgi.detect({ choices: [], generated_text: 'x' })).toBe(false);
    expect(tgi.detect({ text: 'x', meta_info: {} })).toBe(false);
  });
});
