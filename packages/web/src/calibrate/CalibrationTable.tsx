import { type CalibrationReport, metricRows, tableColumns } from '@tokenscope/core';

/** Core's metric rows (the same as the CLI's report): one column for the raw confidence, one per map. */
export function CalibrationTable({ report }: { report: CalibrationReport }) {
  const columns = tableColumns(report);
  return (
    <div class="cal-table-wrap">
      <table class="cal-table" data-testid="cal-table">
        <caption>
          Metrics on {report.evaluatedRows} answers
          {report.split ? ' (held out)' : ' (in-sample for the maps)'}
        </caption>
        <thead>
          <tr>
            <th scope="col">metric</th>
            {columns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {metricRows(report).map((row, i) => (
            <tr key={i} class={row.detail ? 'cal-detail' : undefined}>
              <th scope="row">{row.label}</th>
              {row.values.map((v, j) => (
                <td key={j}>{v}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
