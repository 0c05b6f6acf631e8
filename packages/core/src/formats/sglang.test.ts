import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NoLogprobsError } from '../errors/NoLogprobsError.js';
import { TruncatedStreamError } from '../errors/TruncatedStreamError.js';
import type { ParseOptions } from './FormatParser.js';
import { parseResponse } from './parseResponse.js';
import { sglang } from './sglang.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const json = (name: string) => JSON.parse(fixture(name)) as Record<string, unknown>;

function parseValues(input: unknown[], options?: ParseOptions, done = false) {
  const acc = sglang.accumulate(options);
  for (const v of input) acc.push(v);
  if (done) acc.done();
  return acc.finish();
}

describe('sglang', () => {
  it('reads output and prompt logprobs with exact values and the -3.4e38 sentinel', () => {
    const r = parseValues([json('sglang.generate.unrecorded.json')]);
    expect(r).toMatchObject({ format: 'sglang', id: 'b6c1e3c0a1f44d3e9d1f4c1f5e2a7b90' });
    const c = r.completions[0]!;
    expect(c.finishReason).toBe('stop');
    // The `<|im_end|>` that ended the answer is listed but is not part of `text`: a control token.
    expect(c.text).toBe(' Paris.');
    expect(c.tokens.map((t) => [t.text, t.logprob, t.id, t.control ?? false])).toEqual([
      [' Paris', -0.0123, 12095, false],
      ['.', -0.4055, 13, false],
      ['', -0.0001, 151645, true],
    ]);
    expect(c.tokens[2]!.rawText).toBe('<|im_end|>');
    expect(c.tokens[0]!.top[2]).toMatchObject({ text: '!', logprob: null, raw: -3.4028234663852886e38 });
    expect(c.topK).toBe(3);
    expect(c.prompt!.map((t) => t.logprob)).toEqual([null, -7.1234, -0.9876, -0.4321, -1.5]);
  });

  it('gives the same completion from the cumulative SSE stream, through parseResponse', () => {
    const stream = parseResponse(fixture('sglang.generate-stream.unrecorded.sse.txt'));
    expect(stream).toEqual(parseValues([json('sglang.generate.unrecorded.json')]));
  });

  it('reads incremental stream chunks too', () => {
    const meta = (entries: unknown[], finish: unknown) => ({
      finish_reason: finish,
      output_token_logprobs: entries,
      output_top_logprobs: entries.map(() => null),
    });
    const r = parseValues([
      { text: 'h', meta_info: meta([[-0.1, 101, 'h']], null) },
      { text: 'i', meta_info: meta([[-0.2, 102, 'i']], { type: 'stop' }) },
    ]);
    expect(r.completions[0]!.tokens.map((t) => [t.text, t.logprob])).toEqual([
      ['h', -0.1],
      ['i', -0.2],
    ]);
    expect(r.completions[0]!.text).toBe('hi');
  });

  it('reads a batch; without return_text_in_logprobs the token text is token_id:N', () => {
    const r = parseResponse(fixture('sglang.batch-no-text.unrecorded.json'));
    expect(r.completions.map((c) => c.index)).toEqual([0, 1]);
    expect(r.completions[1]!.tokens.map((t) => [t.text, t.logprob])).toEqual([
      ['token_id:21718', -0.0352],
      ['token_id:13', -0.3011],
    ]);
  });

  it('says what to request when meta_info has no logprobs', () => {
    const run = () => parseResponse(fixture('sglang.bad-no-logprobs.unrecorded.json'));
    expect(run).toThrow(NoLogprobsError);
    expect(run).toThrow('"return_logprob": true, "top_logprobs_num": 5');
  });

  it('names the path of bad values', () => {
    const bad = json('sglang.generate.unrecorded.json') as { meta_info: Record<string, unknown[][]> };
    bad.meta_info.output_top_logprobs![1]![1] = [0.3, 11, ','];
    expect(() => parseValues([bad])).toThrow(
      'invalid value at meta_info.output_top_logprobs[1][1][0]: a logprob cannot be positive, got 0.3',
    );
    bad.meta_info.output_token_logprobs![0] = ['nan', 12095, ' Paris'];
    expect(() => parseValues([bad])).toThrow('invalid value at meta_info.output_token_logprobs[0][0]');
    bad.meta_info.output_token_logprobs![0] = [-1, 'x', ' Paris'];
    expect(() => parseValues([bad])).toThrow(
      'meta_info.output_token_logprobs[0][1]: expected an integer token id',
    );
  });

  it('rejects a stream that stops before finish_reason and [DONE], unless allowTruncated', () => {
    const chunks = fixture('sglang.generate-stream.unrecorded.sse.txt')
      .split('\n')
      .filter((l) => l.startsWith('data: {'))
      .map((l) => JSON.parse(l.slice(6)));
    expect(() => parseValues(chunks.slice(0, 2))).toThrow(TruncatedStreamError);
    expect(parseValues(chunks.slice(0, 2), { allowTruncated: true }).completions[0]!.tokens).toHaveLength(2);
    expect(parseValues(chunks.slice(0, 2), {}, true).completions[0]!.text).toBe(' Paris.');
  });

  it('detects SGLang shapes only', () => {
    expect(sglang.detect(json('sglang.generate.unrecorded.json'))).toBe(true);
    expect(sglang.detect([json('sglang.generate.unrecorded.json')])).toBe(true);
    expect(sglang.detect({ choices: [], meta_info: {}, text: '' })).toBe(false);
    expect(sglang.detect({ generated_text: 'x' })).toBe(false);
  });
});
