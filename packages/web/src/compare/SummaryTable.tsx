import type { RunRecord } from '@tokenscope/core';
import { compareSummaries } from './compareSummaries';

/** The two runs' confidence summaries, row by row, the more confident value marked. */
export function SummaryTable({ a, b }: { a: RunRecord; b: RunRecord }) {
  const rows = compareSummaries(a.summary, b.summary);
  const mark = (better: boolean) => (better ? 'is-better' : undefined);
  return (
    <div class="table-wrap">
      <table class="summary-table">
        <caption class="visually-hidden">Confidence summaries of runs A and B</caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col">A · {a.model}</th>
            <th scope="col">B · {b.model}</th>
            <th scope="col">Difference</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label} class={row.delta ? 'differs' : undefined}>
              <th scope="row">{row.label}</th>
              <td class={mark(row.better === 'a')}>
                {row.a}
                {row.better === 'a' ? <span class="visually-hidden"> (more confident)</span> : null}
              </td>
              <td class={mark(row.better === 'b')}>
                {row.b}
                {row.better === 'b' ? <span class="visually-hidden"> (more confident)</span> : null}
              </td>
              <td class="delta">{row.delta}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
