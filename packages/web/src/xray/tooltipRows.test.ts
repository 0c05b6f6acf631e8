import { analyze, parseResponse } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { massText, rankText, tooltipRows } from './tooltipRows.js';

const response = (tokens: Array<{ token: string; logprob: number; top: Array<[string, number]> }>) =>
  parseResponse(
    JSON.stringify({
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: tokens.map((t) => t.token).join('') },
          logprobs: {
            content: tokens.map((t) => ({
              token: t.token,
              logprob: t.logprob,
              bytes: [...new TextEncoder().encode(t.token)],
              top_logprobs: t.top.map(([token, logprob]) => ({
                token,
                logprob,
                bytes: [...new TextEncoder().encode(token)],
              })),
            })),
          },
        },
      ],
    }),
  );

describe('tooltip rows', () => {
  it('lists the top-k with visible whitespace, bytes in hex, and the chosen one marked', () => {
    const a = analyze(
      response([
        {
          token: ' D',
          logprob: -1,
          top: [
            [' Du', -0.9],
            [' D', -1],
          ],
        },
      ]),
    );
    const rows = tooltipRows(a.tokens[0]!);
    expect(rows.map((r) => [r.text, r.chosen])).toEqual([
      ['␣Du', false],
      ['␣D', true],
    ]);
    expect(rows[1]!.prob).toBe('36.8 %');
    expect(rows[1]!.logprob).toBe('-1.00');
    expect(rows[1]!.bytes).toBe('20 44');
    expect(rankText(a.tokens[0]!)).toBe('rank 2 of 2');
    expect(massText(a.tokens[0]!)).toBe('the top-2 cover 77.4 % of the probability');
  });

  it('adds the sampled token when it is not in the top-k, saying so', () => {
    const a = analyze(response([{ token: 'z', logprob: -4, top: [['a', -0.1]] }]));
    const rows = tooltipRows(a.tokens[0]!);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ text: 'z (sampled, not in the top-1)', chosen: true, bytes: '7a' });
    expect(rankText(a.tokens[0]!)).toBe('not in the top-1');
  });
});
