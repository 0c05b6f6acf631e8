import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fireworks } from './fireworks.js';
import { parseResponse } from './parseResponse.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('fireworks', () => {
  it('is detected by raw_output or sampling_logprob', () => {
    expect(fireworks.detect({ choices: [{ text: '', raw_output: {} }] })).toBe(true);
    expect(
      fireworks.detect({
        choices: [
          { message: {}, logprobs: { content: [{ token: 'a', logprob: -1, sampling_logprob: -2 }] } },
        ],
      }),
    ).toBe(true);
    expect(fireworks.detect({ choices: [{ text: '', logprobs: { tokens: [] } }] })).toBe(false);
  });

  it('prefers raw_output.completion_logprobs.content (logprob, not sampling_logprob) over the arrays', () => {
    const c = parseResponse(fixture('fireworks.raw-output.unrecorded.json')).completions[0]!;
    expect(c.tokens.map((t) => [t.text, t.logprob])).toEqual([
      [' Bl', -0.85],
      ['ue', -0.02],
    ]);
    expect(c).toMatchObject({ text: ' Blue', distribution: 'raw', topK: 2 });
  });

  it('falls back to the legacy arrays', () => {
    const value = JSON.parse(fixture('fireworks.raw-output.unrecorded.json'));
    value.choices[0].raw_output = {};
    const c = parseResponse(JSON.stringify(value)).completions[0]!;
    expect(c.tokens.map((t) => t.logprob)).toEqual([-0.9, -0.01]);
  });
});
