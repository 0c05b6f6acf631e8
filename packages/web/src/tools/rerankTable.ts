import {
  formatNumber,
  type RankedCandidate,
  type RankingName,
  type RerankBody,
  type RunTarget,
} from '@tokenscope/core';

/** Columns the rerank table sorts by. */
export type RerankColumn = 'index' | 'text' | 'tokenCount' | RankingName;
export interface RerankSort {
  column: RerankColumn;
  /** `desc`: best score first (for scores), z→a for text. */
  direction: 'asc' | 'desc';
}

/** The candidates, one per line (blank lines dropped), or what to fix. */
export function toRerankBody(
  prompt: string,
  candidatesText: string,
  alphaText: string,
  target: RunTarget,
): { ok: true; body: RerankBody } | { ok: false; error: string } {
  const candidates = candidatesText.split('\n').filter((c) => c.trim() !== '');
  if (candidates.length === 0) return { ok: false, error: 'Write at least one candidate, one per line.' };
  const twice = candidates.find((c, i) => candidates.indexOf(c) !== i);
  if (twice !== undefined) return { ok: false, error: `The candidate “${twice}” is given twice.` };
  const body: RerankBody = { target, prompt, candidates };
  if (alphaText.trim() !== '') {
    const alpha = Number(alphaText);
    if (!(alpha >= 0 && alpha <= 2)) return { ok: false, error: 'Alpha is a number from 0 to 2.' };
    body.alpha = alpha;
  }
  return { ok: true, body };
}

function value(c: RankedCandidate, column: RerankColumn): number | string {
  switch (column) {
    case 'index':
      return c.index;
    case 'text':
      return c.text;
    case 'tokenCount':
      return c.tokenCount;
    case 'total':
      return c.sumLogprob;
    case 'mean':
      return c.meanLogprob;
    case 'normalized':
      return c.normalizedLogprob;
  }
}

/** The candidates sorted by a column (ties keep the input order). */
export function sortCandidates(candidates: readonly RankedCandidate[], sort: RerankSort): RankedCandidate[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...candidates].sort((a, b) => {
    const x = value(a, sort.column);
    const y = value(b, sort.column);
    const order = typeof x === 'string' ? x.localeCompare(y as string) : x - (y as number);
    return sign * order || a.index - b.index;
  });
}

/** The sort after a click on `column`: the same column flips, a new one starts best first (text: a→z). */
export function nextSort(current: RerankSort, column: RerankColumn): RerankSort {
  if (current.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: column === 'text' || column === 'index' ? 'asc' : 'desc' };
}

/** A logprob cell: "-3.214". */
export function logprobCell(x: number): string {
  return formatNumber(x, 3);
}
