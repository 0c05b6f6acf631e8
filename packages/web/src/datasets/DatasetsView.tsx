import {
  type DatasetListItem,
  type DatasetSettings,
  DISCLAIMER,
  type GateThresholds,
} from '@tokenscope/core';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { Notice } from '../app/Notice';
import { routeHash } from '../app/route';
import type { HistoryFilter } from '../history/historyFilter';
import { DatasetFilters } from './DatasetFilters';
import { DatasetResults } from './DatasetResults';
import type { ChartGroup } from './datasetCharts';
import {
  type DatasetViewState,
  groupHistoryFilter,
  groupLabel,
  parseViewQuery,
  summaryParams,
  viewQuery,
} from './datasetQuery';
import { useDatasetSummary } from './useDatasetSummary';
import '../review/review.css';
import './datasets.css';

export interface DatasetsViewProps {
  api: ApiClient;
  /** The route's query (the view's state in the URL). */
  query: string;
  /** Opens the history sidebar filtered to a group's runs. */
  onShowRuns: (filter: HistoryFilter, label: string) => void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * `#/datasets`: many runs compared. A dataset (or all runs), filters and a grouping; the groups side
 * by side in a table and charts, all aggregated by the server's database (`GET /api/datasets/summary`,
 * never the runs themselves); the lowest-confidence critical facts; each group opens its runs in the
 * history. The state lives in the URL (replaced, not pushed, as it changes).
 */
export function DatasetsView({ api, query, onShowRuns }: DatasetsViewProps) {
  const [state, setState] = useState<DatasetViewState>(() => parseViewQuery(query));
  useEffect(() => {
    const hash = routeHash({ name: 'datasets', query: viewQuery(state) });
    if (location.hash !== hash) history.replaceState(history.state, '', hash);
  }, [state]);

  const [reloads, setReloads] = useState(0);
  const [datasets, setDatasets] = useState<DatasetListItem[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [tags, setTags] = useState<Array<{ tag: string; count: number }>>([]);
  useEffect(() => {
    const controller = new AbortController();
    api.datasets(controller.signal).then(setDatasets, (e: unknown) => {
      if (!controller.signal.aborted) setListError(message(e));
    });
    api.tags().then(setTags, () => setTags([]));
    return () => controller.abort();
  }, [api, reloads]);

  const [facets, setFacets] = useState<{ models: string[]; promptVersions: string[] }>({
    models: [],
    promptVersions: [],
  });
  const [settings, setSettings] = useState<DatasetSettings | null>(null);
  const [settingsChanged, setSettingsChanged] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    const dataset = state.dataset || undefined;
    api.facets(dataset, controller.signal).then(setFacets, () => undefined);
    setSettings(null);
    if (dataset) api.datasetSettings(dataset, controller.signal).then(setSettings, () => undefined);
    return () => controller.abort();
  }, [api, state.dataset, reloads, settingsChanged]);

  const main = useDatasetSummary(api, summaryParams(state), reloads + settingsChanged);
  const daysQuery = state.groupBy === 'day' ? null : summaryParams(state, 'day', { bins: 1, facts: 0 });
  const days = useDatasetSummary(api, daysQuery, reloads + settingsChanged);

  const summary = main.summary;
  const groupBy = summary?.query.groupBy ?? state.groupBy;
  const groups: ChartGroup[] = useMemo(
    () => summary?.groups.map((g) => ({ label: groupLabel(groupBy, g.key), stats: g })) ?? [],
    [summary, groupBy],
  );
  const canShowRuns = (key: string | null) => groupHistoryFilter(state, groupBy, key) !== null;
  const showRuns = (key: string | null) => {
    const filter = groupHistoryFilter(state, groupBy, key);
    if (filter) onShowRuns(filter, groupLabel(groupBy, key));
  };
  const onItem = (i: number) => {
    const g = groups[i];
    if (g) showRuns(g.stats.key);
  };

  const saveThresholds = async (thresholds: GateThresholds | null) => {
    await api.saveDatasetSettings(state.dataset, {
      thresholds,
      ...(thresholds ? { note: 'set in the app' } : {}),
    });
    setState((s) => ({ ...s, thresholds: null }));
    setSettingsChanged((n) => n + 1);
  };

  return (
    <section class="card ds" aria-labelledby="datasets-title" data-testid="datasets-view">
      <div class="card-head">
        <h2 id="datasets-title">Datasets</h2>
        <span class="header-spacer" />
        <button type="button" class="btn btn-small" onClick={() => setReloads((n) => n + 1)}>
          Reload
        </button>
      </div>
      <div class="card-body">
        <p class="ds-disclaimer">
          Confidence across many runs, aggregated by the run store's database. {DISCLAIMER} A group with low
          mean logprobs is one the model was unsure of, not one known to be wrong; a confident answer can
          still be false.
        </p>
        <DatasetFilters
          state={state}
          onChange={setState}
          datasets={datasets ?? []}
          facets={facets}
          tags={tags}
        />
        {listError ? (
          <Notice kind="error" title="Could not list the datasets">
            {listError}
          </Notice>
        ) : datasets !== null && datasets.length === 0 ? (
          <p class="muted ds-no-datasets">
            No dataset yet: runs join one with <code>tokenscope batch --dataset NAME</code>, or through{' '}
            <code>tokenscope serve --record</code> with an <code>X-Tokenscope-Dataset</code> header. “All
            runs” compares every saved run.
          </p>
        ) : null}
        {main.error ? (
          <Notice
            kind="error"
            title="Could not summarise these runs"
            action={{ label: 'Retry', onClick: () => setReloads((n) => n + 1) }}
          >
            {main.error}
          </Notice>
        ) : null}
        {summary === null ? (
          main.error ? null : (
            <p class="muted" aria-busy="true">
              Summarising the runs…
            </p>
          )
        ) : (
          <DatasetResults
            summary={summary}
            groups={groups}
            state={state}
            loading={main.loading}
            days={groupBy === 'day' ? summary : days.summary}
            settings={settings}
            onState={setState}
            onSave={saveThresholds}
            canShowRuns={canShowRuns}
            onShowRuns={showRuns}
            onItem={onItem}
          />
        )}
      </div>
    </section>
  );
}
