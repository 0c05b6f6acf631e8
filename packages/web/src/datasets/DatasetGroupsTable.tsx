import type { DatasetGroupBy, DatasetGroupStats } from '@tokenscope/core';
import { GROUP_PALETTE, groupColor } from './datasetCharts';
import { groupLabel } from './datasetQuery';
import { count, logprob, rate } from './datasetText';

export interface DatasetGroupsTableProps {
  groupBy: DatasetGroupBy;
  groups: DatasetGroupStats[];
  total: DatasetGroupStats;
  /** Opens the history filtered to the group; absent for a group the history cannot filter to. */
  canShowRuns: (key: string | null) => boolean;
  onShowRuns: (key: string | null) => void;
}

const COLUMNS: Array<{ label: string; title: string }> = [
  { label: 'Answers', title: 'Runs in the group' },
  { label: 'Tokens', title: 'Generated tokens in all answers' },
  {
    label: 'Mean logprob',
    title: 'Mean over answers of each answer’s mean token logprob (nats; 0 = certain)',
  },
  {
    label: 'p10 / p50 / p90',
    title:
      'Percentiles of the answers’ mean logprob: the least confident tenth is below p10, half below the median p50, nine tenths below p90',
  },
  {
    label: 'Flagged tokens',
    title: 'Tokens flagged (low confidence, ambiguous or not the top choice) over all tokens',
  },
  { label: 'Flagged answers', title: 'Answers with at least one low-confidence span' },
  { label: 'Review rate', title: 'Answers the gate sends to review at the thresholds in use' },
  { label: 'Sentences to review', title: 'Sentences the gate sends to review, of all sentences' },
  {
    label: 'Low-conf. facts',
    title: 'Critical facts (names, numbers, amounts, dates, titles, URLs, code) with a low-confidence token',
  },
  { label: 'Reviewed', title: 'Answers a human reviewed: with a rejected or edited sentence / all approved' },
];

function Cells({ s }: { s: DatasetGroupStats }) {
  const p = s.percentiles;
  return (
    <>
      <td data-col="answers">{count(s.answers)}</td>
      <td>{count(s.tokens)}</td>
      <td data-col="mean">{logprob(s.meanLogprob)}</td>
      <td data-col="percentiles">{p ? `${logprob(p.p10)} / ${logprob(p.p50)} / ${logprob(p.p90)}` : '–'}</td>
      <td>{rate(s.flaggedTokenRate, s.tokens)}</td>
      <td>{rate(s.flaggedAnswerRate, s.answers)}</td>
      <td data-col="review-rate">{rate(s.reviewRate, s.answers)}</td>
      <td>
        {count(s.reviewSentences)} <span class="muted">of {count(s.sentences)}</span>
      </td>
      <td>{count(s.lowConfidenceFacts)}</td>
      <td title={`${s.reviewed.answers} reviewed answers`}>
        {s.reviewed.answers === 0 ? (
          <span class="muted">none</span>
        ) : (
          <>
            <span class="ds-rejected">{s.reviewed.rejected} rejected</span> /{' '}
            <span class="ds-approved">{s.reviewed.approved} approved</span>
          </>
        )}
      </td>
    </>
  );
}

/** The groups side by side, one row each (any number), and the total; each row opens its runs. */
export function DatasetGroupsTable(props: DatasetGroupsTableProps) {
  const { groupBy, groups, total } = props;
  const colors = { fg: 'currentColor', muted: '', line: '', palette: GROUP_PALETTE };
  return (
    <div class="table-wrap ds-table-wrap">
      <table class="summary-table ds-table" data-testid="dataset-groups">
        <thead>
          <tr>
            <th scope="col">{groupBy === 'none' ? 'Runs' : 'Group'}</th>
            {COLUMNS.map((c) => (
              <th key={c.label} scope="col" title={c.title}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((g, i) => {
            const label = groupLabel(groupBy, g.key);
            return (
              <tr key={String(g.key)} data-group={g.key ?? ''}>
                <th scope="row">
                  <span class="ds-group-name">
                    <span
                      class="ds-swatch"
                      style={{ background: groupColor(colors, i) }}
                      aria-hidden="true"
                    />
                    <span class={g.key === null ? 'muted' : undefined} title={label}>
                      {label}
                    </span>
                    {props.canShowRuns(g.key) ? (
                      <button
                        type="button"
                        class="btn btn-small ds-show-runs"
                        data-show-runs=""
                        title={`Show the ${g.answers} runs of ${label} in the history`}
                        aria-label={`Show the ${g.answers} runs of ${label} in the history`}
                        onClick={() => props.onShowRuns(g.key)}
                      >
                        Runs →
                      </button>
                    ) : null}
                  </span>
                </th>
                <Cells s={g} />
              </tr>
            );
          })}
        </tbody>
        {groups.length > 1 ? (
          <tfoot>
            <tr data-group-total="">
              <th scope="row">All groups</th>
              <Cells s={total} />
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
