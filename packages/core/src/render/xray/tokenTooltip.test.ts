import { describe, expect, it } from 'vitest';
import { MIXED, makeAnalysis, SEED_003 } from '../__testutil__/makeAnalysis.js';
import { tokenTooltip } from './tokenTooltip.js';

describe('tokenTooltip', () => {
  it('lists the top-k with visible whitespace, bytes in hex, and the chosen one marked', () => {
    const tip = tokenTooltip(
      makeAnalysis([
        {
          text: ' D',
          logprob: -1,
          top: [
            [' Du', -0.9],
            [' D', -1],
          ],
        },
      ]).tokens[0]!,
    );
    expect(tip.token).toBe('␣D');
    expect(tip.where).toBe('token #0');
    expect(tip.rows).toEqual([
      { text: '␣Du', prob: '40.7 %', logprob: '-0.9', bytes: '20 44 75', chosen: false },
      { text: '␣D', prob: '36.8 %', logprob: '-1.00', bytes: '20 44', chosen: true },
    ]);
    expect(tip.stats.slice(0, 3)).toEqual(['p 36.8 %', 'logprob -1.00', 'rank 2 of 2']);
    expect(tip.mass).toBe('the top-2 alternatives cover 77.4 % of the probability');
  });

  it('says every number of the token, with its clues', () => {
    const tip = tokenTooltip(makeAnalysis(SEED_003).tokens[2]!);
    expect(tip.stats).toEqual([
      'p 99.6 %',
      'logprob -0.004',
      'rank 1 of 2',
      'margin 0.994',
      'surprisal 0.01 bits',
      'entropy ≥ 0.04 bits',
    ]);
    expect(tip.clues).toEqual([]);
    const mat = tokenTooltip(makeAnalysis(MIXED).tokens[6]!);
    expect(mat.clues).toEqual([
      { glyph: '↓', label: 'low confidence' },
      { glyph: '↯', label: 'not the top choice' },
    ]);
  });

  it('adds the sampled token when it is not in the top-k, saying so, even when an alternative reads the same', () => {
    const a = makeAnalysis([
      { text: 'z', logprob: -4, top: [['a', -0.1]] },
      { text: 'a', logprob: -3, top: [['a', -0.1]] },
    ]);
    a.tokens[1]!.rank = null; // the same text, another token id: not the top choice
    const z = tokenTooltip(a.tokens[0]!);
    expect(z.rows.at(-1)).toEqual({
      text: 'z (sampled, not in the top-1)',
      prob: '1.8 %',
      logprob: '-4.00',
      bytes: '7a',
      chosen: true,
    });
    expect(z.stats[2]).toBe('not in the top-1');
    expect(tokenTooltip(a.tokens[1]!).rows.map((r) => r.chosen)).toEqual([false, true]);
  });

  it('says so when the provider sent no probability or no alternatives', () => {
    const a = makeAnalysis([
      { text: '.', logprob: null, top: [['!', Math.log(0.7)]] },
      { text: 'x', logprob: -0.5 },
    ]);
    a.tokens[1]!.rawText = 'x\u0000';
    const sentinel = tokenTooltip(a.tokens[0]!);
    expect(sentinel.stats.slice(0, 3)).toEqual(['p below the top-k', 'logprob n/a', 'not in the top-1']);
    expect(sentinel.rows.at(-1)).toMatchObject({ prob: 'below the top-k', logprob: 'n/a' });
    const bare = tokenTooltip(a.tokens[1]!);
    expect(bare.stats[2]).toBe('rank n/a');
    expect(bare.rows).toEqual([
      { text: 'x (sampled)', prob: '60.7 %', logprob: '-0.5', bytes: '78', chosen: true },
    ]);
    expect(bare.mass).toBe('no alternatives reported');
    expect(bare.where).toBe('token #1 (provider sent x\\x00)');
  });
});
