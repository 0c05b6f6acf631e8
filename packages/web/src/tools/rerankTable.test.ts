import { rerank } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import { nextSort, sortCandidates, toRerankBody } from './rerankTable';

const target = { kind: 'local', model: 'm' } as const;
const result = rerank([
  { text: 'short', sumLogprob: -2, tokenCount: 1 },
  { text: 'a much longer one', sumLogprob: -4, tokenCount: 8 },
  { text: 'mid', sumLogprob: -3, tokenCount: 2 },
]);

describe('the rerank table', () => {
  it('sorts by any score, best first, and flips on a second click', () => {
    const byTotal = sortCandidates(result.candidates, { column: 'total', direction: 'desc' });
    expect(byTotal.map((c) => c.text)).toEqual(['short', 'mid', 'a much longer one']);
    const byMean = sortCandidates(result.candidates, { column: 'mean', direction: 'desc' });
    expect(byMean.map((c) => c.text)).toEqual(['a much longer one', 'mid', 'short']);
    const flipped = nextSort({ column: 'mean', direction: 'desc' }, 'mean');
    expect(flipped).toEqual({ column: 'mean', direction: 'asc' });
    expect(sortCandidates(result.candidates, flipped).map((c) => c.text)).toEqual([
      'short',
      'mid',
      'a much longer one',
    ]);
  });

  it('starts a new score column best first and text a→z', () => {
    expect(nextSort({ column: 'total', direction: 'desc' }, 'normalized')).toEqual({
      column: 'normalized',
      direction: 'desc',
    });
    const byText = sortCandidates(
      result.candidates,
      nextSort({ column: 'total', direction: 'desc' }, 'text'),
    );
    expect(byText.map((c) => c.text)).toEqual(['a much longer one', 'mid', 'short']);
  });

  it('keeps the input order for ties', () => {
    const tied = rerank([
      { text: 'x', sumLogprob: -1, tokenCount: 1 },
      { text: 'y', sumLogprob: -1, tokenCount: 1 },
    ]);
    expect(sortCandidates(tied.candidates, { column: 'total', direction: 'asc' }).map((c) => c.text)).toEqual(
      ['x', 'y'],
    );
  });

  it('reads candidates one per line and checks them and alpha', () => {
    expect(toRerankBody('p', 'a\n\n b\n', '', target)).toEqual({
      ok: true,
      body: { target, prompt: 'p', candidates: ['a', ' b'] },
    });
    expect(toRerankBody('p', 'a\nb', '1', target)).toMatchObject({ ok: true, body: { alpha: 1 } });
    expect(toRerankBody('p', ' \n', '', target)).toMatchObject({ ok: false, error: /at least one/ });
    expect(toRerankBody('p', 'a\na', '', target)).toMatchObject({ ok: false, error: /“a” is given twice/ });
    expect(toRerankBody('p', 'a', '3', target)).toMatchObject({ ok: false, error: /Alpha/ });
  });
});
