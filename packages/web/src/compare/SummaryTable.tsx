import type { RunRecord } from '@tokenscope/core';
import { compareSummaries } from './compareSummaries';
import { runLetter } from './runLetter';

/**
 * The runs' confidence summaries, row by row, one column per run, the most confident value(s)
 * marked; the last column is the difference (two runs) or the spread, best − worst (more).
 */
export function SummaryTable({ runs }: { runs: readonly RunRecord[] }) {
  const rows = compareSummaries(runs.map((r) => r.summary));
  const letters = runs.map((_, i) => runLetter(i));
  const last = runs.length === 2 ? 'Difference' : 'Spread';
  return (
    <div class="table-wrap">
      <table class="summary-table">
        <caption class="visually-hidden">Confidence summaries of runs {letters.join(', ')}</caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            {runs.map((run, i) => (
              <th scope="col" key={run.id} title={run.title}>
                {letters[i]} · {run.model}
              </th>
            ))}
            <th scope="col" title={runs.length === 2 ? undefined : 'most confident − least confident'}>
              {last}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label} class={row.spread ? 'differs' : undefined}>
              <th scope="row">{row.label}</th>
              {row.values.map((value, i) => {
                const best = row.best.includes(i);
                return (
                  <td key={runs[i]!.id} class={best ? 'is-better' : undefined}>
                    {value}
                    {best ? <span class="visually-hidden"> (most confident)</span> : null}
                  </td>
                );
              })}
              <td class="delta">{row.spread}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
