/**
 * The datasets view's state, as it lives in the URL (`#/datasets?dataset=qa&groupBy=model&...`), and
 * what it asks the server: the summary's query and, for one group, the history filter of its runs.
 * Pure: no DOM, tested in datasetQuery.test.ts.
 */
import {
  DATASET_GROUPS,
  type DatasetGroupBy,
  GATE_VERDICTS,
  type GateThresholds,
  type GateVerdict,
} from '@tokenscope/core';
import { EMPTY_HISTORY_FILTER, type HistoryFilter } from '../history/historyFilter';

export type DistributionChart = 'box' | 'histogram';

export interface DatasetViewState {
  /** '' = all runs. */
  dataset: string;
  groupBy: DatasetGroupBy;
  model: string;
  promptVersion: string;
  tag: string;
  verdict: GateVerdict | '';
  /** UTC days `YYYY-MM-DD`, both included; '' for no bound. */
  from: string;
  to: string;
  search: string;
  /** Thresholds being tried; null: the dataset's saved ones, else core's defaults. */
  thresholds: GateThresholds | null;
  chart: DistributionChart;
}

export const DEFAULT_VIEW: DatasetViewState = {
  dataset: '',
  groupBy: 'model',
  model: '',
  promptVersion: '',
  tag: '',
  verdict: '',
  from: '',
  to: '',
  search: '',
  thresholds: null,
  chart: 'box',
};

/** Histogram bins the view asks for (over [-4, 0] nats: 0.2 wide). */
export const SUMMARY_BINS = 20;

const DAY = /^\d{4}-\d\d-\d\d$/;
const TEXT_KEYS = ['dataset', 'model', 'promptVersion', 'tag', 'search'] as const;

function isDay(text: string): boolean {
  return DAY.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
}

/** The UTC day after `day` (`2026-02-28` -> `2026-03-01`). */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function threshold(text: string | null): number | null {
  if (text === null || text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) && n <= 0 ? n : null;
}

/** The view's state from the route's query; unknown or bad values fall back to the defaults. */
export function parseViewQuery(query: string): DatasetViewState {
  const params = new URLSearchParams(query);
  const state: DatasetViewState = { ...DEFAULT_VIEW };
  for (const key of TEXT_KEYS) state[key] = params.get(key) ?? '';
  const groupBy = params.get('groupBy');
  if (DATASET_GROUPS.includes(groupBy as DatasetGroupBy)) state.groupBy = groupBy as DatasetGroupBy;
  const verdict = params.get('verdict');
  if (GATE_VERDICTS.includes(verdict as GateVerdict)) state.verdict = verdict as GateVerdict;
  for (const key of ['from', 'to'] as const) {
    const day = params.get(key) ?? '';
    if (isDay(day)) state[key] = day;
  }
  const publish = threshold(params.get('publish'));
  const review = threshold(params.get('review'));
  if (publish !== null && review !== null && publish > review) state.thresholds = { publish, review };
  if (params.get('chart') === 'histogram') state.chart = 'histogram';
  return state;
}

/** The route query of a state (only what differs from the defaults), without the `?`. */
export function viewQuery(state: DatasetViewState): string {
  const params = new URLSearchParams();
  const d = DEFAULT_VIEW;
  if (state.dataset !== '') params.set('dataset', state.dataset);
  if (state.groupBy !== d.groupBy) params.set('groupBy', state.groupBy);
  for (const key of ['model', 'promptVersion', 'tag', 'verdict', 'from', 'to', 'search'] as const) {
    if (state[key] !== '') params.set(key, state[key]);
  }
  if (state.thresholds !== null) {
    params.set('publish', String(state.thresholds.publish));
    params.set('review', String(state.thresholds.review));
  }
  if (state.chart !== d.chart) params.set('chart', state.chart);
  return params.toString();
}

/** The filters of a state as `GET /api/runs` / the summary take them (`to` is inclusive: until the day after). */
function runFilters(state: DatasetViewState): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['dataset', 'model', 'promptVersion', 'tag', 'verdict', 'search'] as const) {
    if (state[key].trim() !== '') out[key] = state[key].trim();
  }
  if (state.from !== '') out.since = state.from;
  if (state.to !== '') out.until = nextDay(state.to);
  return out;
}

/** The query of `GET /api/datasets/summary` for the state (grouped by `groupBy`, default the state's). */
export function summaryParams(
  state: DatasetViewState,
  groupBy: DatasetGroupBy = state.groupBy,
  extra: { bins?: number; facts?: number } = {},
): Record<string, string | number | undefined> {
  return {
    ...runFilters(state),
    groupBy,
    publish: state.thresholds?.publish,
    review: state.thresholds?.review,
    bins: extra.bins ?? SUMMARY_BINS,
    facts: extra.facts,
  };
}

const GROUP_FIELD: Record<Exclude<DatasetGroupBy, 'none' | 'day'>, keyof HistoryFilter> = {
  model: 'model',
  promptVersion: 'promptVersion',
  tag: 'tag',
};

/**
 * The history filter that lists one group's runs: the view's filters and the group's value (a day
 * is the UTC day from its midnight to the next). Null for the group of runs without a value (no
 * prompt version, no tag): the history cannot filter by absence.
 */
export function groupHistoryFilter(
  state: DatasetViewState,
  groupBy: DatasetGroupBy,
  key: string | null,
): HistoryFilter | null {
  const filters = runFilters(state);
  const filter: HistoryFilter = { ...EMPTY_HISTORY_FILTER, ...filters };
  if (groupBy === 'none') return filter;
  if (key === null) return null;
  if (groupBy === 'day') {
    if (!isDay(key)) return null;
    const until = nextDay(key);
    // Inside the view's own range (a group is always in it, but keep the tighter bound).
    filter.since = filter.since !== '' && filter.since > key ? filter.since : key;
    filter.until = filter.until !== '' && filter.until < until ? filter.until : until;
    return filter;
  }
  filter[GROUP_FIELD[groupBy]] = key as never;
  return filter;
}

const NONE_LABEL: Record<DatasetGroupBy, string> = {
  none: 'all runs',
  model: '(no model)',
  promptVersion: '(no prompt version)',
  tag: '(no tag)',
  day: '(no day)',
};

/** A group's name as the table, charts and buttons show it. */
export function groupLabel(groupBy: DatasetGroupBy, key: string | null): string {
  if (groupBy === 'none') return 'All matching runs';
  return key === null ? NONE_LABEL[groupBy] : key;
}

export const GROUP_BY_LABEL: Record<DatasetGroupBy, string> = {
  none: 'Nothing',
  model: 'Model',
  promptVersion: 'Prompt version',
  tag: 'Tag',
  day: 'Day',
};
