import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { llamacppV1Completions } from './llamacppV1Completions.js';
import { parseResponse } from './parseResponse.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('llamacppV1Completions', () => {
  it('is detected by a text choice with a content list', () => {
    expect(llamacppV1Completions.detect({ choices: [{ text: 'x', logprobs: { content: [] } }] })).toBe(true);
    expect(llamacppV1Completions.detect({ choices: [{ text: 'x', logprobs: { tokens: [] } }] })).toBe(false);
    expect(llamacppV1Completions.detect({ choices: [{ message: {}, logprobs: { content: [] } }] })).toBe(
      false,
    );
  });

  it('reads ids, bytes and alternatives as raw values', () => {
    const c = parseResponse(fixture('llamacpp-v1-completions.whole.unrecorded.json')).completions[0]!;
    expect(c).toMatchObject({ text: ' 4', distribution: 'raw', finishReason: 'length' });
    expect(c.tokens.map((t) => [t.text, t.id, t.bytes])).toEqual([
      [' ', 220, [32]],
      ['4', 19, [52]],
    ]);
    expect(c.tokens[0]!.top.map((a) => a.id)).toEqual([220, 19]);
  });

  it('accumulates a stream, sorting alternatives highest first', () => {
    const c = parseResponse(fixture('llamacpp-v1-completions.stream.unrecorded.sse.txt')).completions[0]!;
    expect(c.text).toBe(' Hi!');
    expect(c.tokens[0]!.top.map((a) => a.text)).toEqual([' Hello', ' Hi']);
  });
});
