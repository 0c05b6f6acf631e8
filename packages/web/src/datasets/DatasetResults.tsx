import type { DatasetSettings, DatasetSummary, GateThresholds } from '@tokenscope/core';
import { useCallback } from 'preact/hooks';
import { Notice } from '../app/Notice';
import { DatasetChart } from './DatasetChart';
import { DatasetFactsList } from './DatasetFactsList';
import { DatasetGroupsTable } from './DatasetGroupsTable';
import { DatasetThresholds } from './DatasetThresholds';
import {
  type ChartGroup,
  type DatasetChartColors,
  distributionBoxOption,
  distributionHistogramOption,
  overTimeOption,
  ratesOption,
  rowsChartHeight,
} from './datasetCharts';
import type { DatasetViewState } from './datasetQuery';
import { summaryHeadline } from './datasetText';

export interface DatasetResultsProps {
  summary: DatasetSummary;
  groups: ChartGroup[];
  state: DatasetViewState;
  loading: boolean;
  days: DatasetSummary | null;
  settings: DatasetSettings | null;
  onState: (update: (s: DatasetViewState) => DatasetViewState) => void;
  onSave: (thresholds: GateThresholds | null) => Promise<void>;
  canShowRuns: (key: string | null) => boolean;
  onShowRuns: (key: string | null) => void;
  onItem: (dataIndex: number) => void;
}

/**
 * What a summary shows: the thresholds in use, the headline, the groups table, the charts (the
 * distribution per group, the rates per group, the days) and the lowest-probability facts.
 */
export function DatasetResults(props: DatasetResultsProps) {
  const { summary, groups, state, days } = props;
  const groupBy = summary.query.groupBy;
  const chart = state.chart;
  const box = useCallback(
    (c: DatasetChartColors) =>
      chart === 'box'
        ? distributionBoxOption(groups, summary.thresholds, c)
        : distributionHistogramOption(groups, c),
    [groups, summary.thresholds, chart],
  );
  const rates = useCallback((c: DatasetChartColors) => ratesOption(groups, c), [groups]);
  const time = useCallback((c: DatasetChartColors) => overTimeOption(days?.groups ?? [], c), [days]);
  const empty = summary.total.answers === 0;
  return (
    <div
      class={`ds-results${props.loading ? ' is-loading' : ''}`}
      data-state={props.loading ? 'loading' : 'ready'}
      data-summary-group={groupBy}
      aria-busy={props.loading}
    >
      <DatasetThresholds
        summary={summary}
        dataset={state.dataset}
        settings={props.settings}
        trying={state.thresholds}
        onTry={(thresholds) => props.onState((s) => ({ ...s, thresholds }))}
        onSave={props.onSave}
      />
      <p class="ds-headline" role="status" data-testid="dataset-headline">
        {summaryHeadline(summary)}
      </p>
      {summary.failedRows > 0 ? (
        <Notice
          kind="warn"
          title={`${summary.failedRows} batch row${summary.failedRows === 1 ? '' : 's'} of this dataset failed`}
        >
          They have no run, so they are not in these figures; `tokenscope batch` tries them again.
        </Notice>
      ) : null}
      {empty ? (
        <p class="muted">No runs match these filters.</p>
      ) : (
        <>
          <DatasetGroupsTable
            groupBy={groupBy}
            groups={summary.groups}
            total={summary.total}
            canShowRuns={props.canShowRuns}
            onShowRuns={props.onShowRuns}
          />
          <p class="field-note ds-table-note">
            “Runs →” opens the history filtered to a group; from there, open one answer’s X-ray.
            {groupBy === 'tag' ? ' A run with several tags counts in each of their groups.' : ''}
          </p>
          <div class="ds-charts">
            <figure class="ds-figure ds-figure-wide">
              <figcaption>
                Mean logprob per answer, by group
                <fieldset class="segmented ds-chart-kind">
                  <legend class="visually-hidden">Distribution chart</legend>
                  <button
                    type="button"
                    aria-pressed={chart === 'box'}
                    onClick={() => props.onState((s) => ({ ...s, chart: 'box' }))}
                  >
                    Percentiles
                  </button>
                  <button
                    type="button"
                    aria-pressed={chart === 'histogram'}
                    onClick={() => props.onState((s) => ({ ...s, chart: 'histogram' }))}
                  >
                    Histogram
                  </button>
                </fieldset>
              </figcaption>
              <DatasetChart
                build={box}
                label={
                  chart === 'box'
                    ? 'Boxes of each group’s answers’ mean logprob: whiskers p10 and p90, box p25 to p75, median line, mean diamond; dashed lines at the gate thresholds'
                    : 'Histogram of each group’s answers’ mean logprob, as a share of the group’s answers'
                }
                testId="dataset-distribution"
                height={chart === 'box' ? rowsChartHeight(groups.length) : 300}
                onItem={chart === 'box' ? props.onItem : () => undefined}
              />
            </figure>
            <figure class="ds-figure">
              <figcaption>Flagged and review rates, by group</figcaption>
              <DatasetChart
                build={rates}
                label="Bars per group: flagged token rate, share of answers with a low-confidence span, review rate"
                testId="dataset-rates"
                height={rowsChartHeight(groups.length * 1.6)}
                onItem={props.onItem}
              />
            </figure>
            <figure class="ds-figure">
              <figcaption>Over time (UTC days)</figcaption>
              {days && days.groups.length > 0 ? (
                <DatasetChart
                  build={time}
                  label="Lines per day: mean logprob of the answers and review rate"
                  testId="dataset-over-time"
                  height={280}
                />
              ) : (
                <p class="muted">Loading the days…</p>
              )}
            </figure>
          </div>
          <h3 class="ds-subtitle">Lowest-probability critical facts</h3>
          <DatasetFactsList facts={summary.lowConfidenceFacts} />
        </>
      )}
    </div>
  );
}
