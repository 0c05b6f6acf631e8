import { GATE_VERDICTS, type GateVerdict, type RunQuery, type RunSource } from '@tokenscope/core';

/**
 * What the history sidebar lists: every `GET /api/runs` filter, '' for none. `since` / `until` are
 * ISO dates or times (runs created at or after `since`, before `until`). The app holds it, so that
 * other views (the datasets view's groups) can open the history filtered.
 */
export interface HistoryFilter {
  search: string;
  tag: string;
  source: RunSource | '';
  dataset: string;
  model: string;
  promptVersion: string;
  verdict: GateVerdict | '';
  since: string;
  until: string;
}

export const EMPTY_HISTORY_FILTER: HistoryFilter = {
  search: '',
  tag: '',
  source: '',
  dataset: '',
  model: '',
  promptVersion: '',
  verdict: '',
  since: '',
  until: '',
};

/** The `listRuns` query of a filter (the search as given: the sidebar debounces it). */
export function historyQuery(filter: HistoryFilter, search = filter.search.trim()): RunQuery {
  const query: RunQuery = {};
  if (search !== '') query.search = search;
  for (const key of ['tag', 'dataset', 'model', 'promptVersion', 'since', 'until'] as const) {
    if (filter[key] !== '') query[key] = filter[key];
  }
  if (filter.source !== '') query.source = filter.source;
  if (GATE_VERDICTS.includes(filter.verdict as GateVerdict)) query.verdict = filter.verdict as GateVerdict;
  return query;
}

/** True when any filter is set. */
export function isFiltered(filter: HistoryFilter): boolean {
  return Object.values(filter).some((v) => v.trim() !== '');
}

/** `2026-05-03` of a UTC day boundary, else the time as given (shortened to the minute). */
function shortTime(iso: string): string {
  return /T00:00(:00(\.000)?)?Z$/.test(iso) ? iso.slice(0, 10) : iso.replace(/:\d\d(\.\d+)?Z$/, 'Z');
}

/** The time range of a filter in words: `2026-05-03` for one UTC day, `from … to …`, or ''. */
export function describeTimeRange(since: string, until: string): string {
  if (since === '' && until === '') return '';
  const a = Date.parse(since);
  const b = Date.parse(until);
  if (/^\d{4}-\d\d-\d\d$/.test(since) && b - a === 86_400_000) return `${since} (UTC)`;
  if (since !== '' && until !== '') return `from ${shortTime(since)} to before ${shortTime(until)}`;
  return since !== '' ? `from ${shortTime(since)}` : `before ${shortTime(until)}`;
}

/** The filters in force in words: `dataset qa · model gpt-4o · prompt v2` ('' for none). */
export function describeFilter(filter: HistoryFilter): string {
  const parts: string[] = [];
  if (filter.search.trim() !== '') parts.push(`“${filter.search.trim()}”`);
  if (filter.dataset !== '') parts.push(`dataset ${filter.dataset}`);
  if (filter.model !== '') parts.push(`model ${filter.model}`);
  if (filter.promptVersion !== '') parts.push(`prompt ${filter.promptVersion}`);
  if (filter.tag !== '') parts.push(`tag ${filter.tag}`);
  if (filter.source !== '') parts.push(`source ${filter.source}`);
  if (filter.verdict !== '') parts.push(`verdict ${filter.verdict}`);
  const range = describeTimeRange(filter.since, filter.until);
  if (range !== '') parts.push(range);
  return parts.join(' · ');
}
