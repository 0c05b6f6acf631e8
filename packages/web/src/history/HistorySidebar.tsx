import type { DatasetListItem, GateVerdict, RunListItem, RunSource, Thresholds } from '@tokenscope/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { COMPARE_MAX, COMPARE_MIN } from '../app/route';
import { navigate } from '../app/useHashRoute';
import { FilterSelect, withCurrent } from './FilterSelect';
import { HistoryItem } from './HistoryItem';
import {
  describeFilter,
  EMPTY_HISTORY_FILTER,
  type HistoryFilter,
  historyQuery,
  isFiltered,
} from './historyFilter';
import { useDebounced } from './useDebounced';

export interface HistorySidebarProps {
  api: ApiClient;
  currentId: string | null;
  thresholds: Thresholds;
  /** Changes when runs were added or changed elsewhere (a new run, an import): the list reloads. */
  refreshKey: number;
  /** A run was deleted (the app leaves it if it is open). */
  onDeleted: (id: string) => void;
  /** A run was renamed or tagged. */
  onChanged: () => void;
  /** What the list shows (the app holds it: the datasets view opens a group's runs here). */
  filter: HistoryFilter;
  onFilterChange: (filter: HistoryFilter) => void;
}

const PAGE = 30;
const SOURCES: Array<{ value: RunSource | ''; label: string }> = [
  { value: '', label: 'All sources' },
  { value: 'local', label: 'Local model' },
  { value: 'remote', label: 'Remote endpoint' },
  { value: 'branch', label: 'Branches' },
  { value: 'import', label: 'Imports' },
  { value: 'proxy', label: 'Proxy' },
];

/**
 * The run history: search, filters (tag, source, dataset, model, prompt version, verdict, and a time
 * range set by the datasets view), a paged list, and the comparison of 2 to 8 picked runs.
 */
export function HistorySidebar(props: HistorySidebarProps) {
  const { api, filter, onFilterChange } = props;
  const setFilter = (patch: Partial<HistoryFilter>) => onFilterChange({ ...filter, ...patch });
  const { tag, source } = filter;
  const [tags, setTags] = useState<Array<{ tag: string; count: number }>>([]);
  const [datasets, setDatasets] = useState<DatasetListItem[]>([]);
  const [facets, setFacets] = useState<{ models: string[]; promptVersions: string[] }>({
    models: [],
    promptVersions: [],
  });
  const [runs, setRuns] = useState<RunListItem[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [localChange, setLocalChange] = useState(0);
  const query = useDebounced(filter.search.trim(), 250);
  const listRef = useRef<HTMLUListElement>(null);
  const filtered = isFiltered(filter);
  const runQuery = historyQuery(filter, query);
  const queryKey = JSON.stringify(runQuery);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    api
      .listRuns({ ...runQuery, limit: PAGE, offset: 0 }, controller.signal)
      .then((list) => {
        setRuns(list.runs);
        setTotal(list.total);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [api, queryKey, props.refreshKey, localChange]);

  useEffect(() => {
    api
      .tags()
      .then(setTags)
      .catch(() => setTags([]));
    api.datasets().then(setDatasets, () => setDatasets([]));
  }, [api, props.refreshKey, localChange]);

  useEffect(() => {
    api.facets(filter.dataset || undefined).then(setFacets, () => undefined);
  }, [api, filter.dataset, props.refreshKey]);

  const loadMore = () => {
    setLoading(true);
    api
      .listRuns({ ...runQuery, limit: PAGE, offset: runs.length })
      .then((list) => {
        const known = new Set(runs.map((r) => r.id));
        setRuns([...runs, ...list.runs.filter((r) => !known.has(r.id))]);
        setTotal(list.total);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setLoading(false));
  };

  const onSelect = (id: string, on: boolean) =>
    setSelected((ids) =>
      on ? [...ids.filter((x) => x !== id), id].slice(0, COMPARE_MAX) : ids.filter((x) => x !== id),
    );
  const full = selected.length >= COMPARE_MAX;

  const onListKey = (e: KeyboardEvent) => {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
    const links = [...(listRef.current?.querySelectorAll<HTMLElement>('[data-history-link]') ?? [])];
    if (links.length === 0) return;
    const at = links.indexOf(document.activeElement as HTMLElement);
    let next = at;
    if (e.key === 'ArrowDown') next = at < 0 ? 0 : Math.min(links.length - 1, at + 1);
    if (e.key === 'ArrowUp') next = at < 0 ? 0 : Math.max(0, at - 1);
    if (e.key === 'Home') next = 0;
    if (e.key === 'End') next = links.length - 1;
    e.preventDefault();
    links[next]?.focus();
  };

  return (
    <nav class="sidebar" id="history" aria-label="Run history">
      <div class="sidebar-head">
        <div class="sidebar-title">
          <h2>History</h2>
          <span class="muted">{total > 0 ? `${total} run${total === 1 ? '' : 's'}` : ''}</span>
          <a class="btn btn-small btn-primary sidebar-new" href="#/">
            New run
          </a>
        </div>
        <label class="visually-hidden" for="history-search">
          Search runs
        </label>
        <input
          id="history-search"
          class="input"
          type="search"
          placeholder="Search title, prompt, answer, model…"
          value={filter.search}
          onInput={(e) => setFilter({ search: e.currentTarget.value })}
        />
        <div class="sidebar-filters">
          <label class="visually-hidden" for="history-tag">
            Filter by tag
          </label>
          <select
            id="history-tag"
            class="input"
            value={tag}
            onChange={(e) => setFilter({ tag: e.currentTarget.value })}
          >
            <option value="">All tags</option>
            {tag !== '' && !tags.some((t) => t.tag === tag) ? <option value={tag}>{tag}</option> : null}
            {tags.map((t) => (
              <option key={t.tag} value={t.tag}>
                {t.tag} ({t.count})
              </option>
            ))}
          </select>
          <label class="visually-hidden" for="history-source">
            Filter by source
          </label>
          <select
            id="history-source"
            class="input"
            value={source}
            onChange={(e) => setFilter({ source: e.currentTarget.value as RunSource | '' })}
          >
            {SOURCES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
          {datasets.length > 0 || filter.dataset !== '' ? (
            <FilterSelect
              id="history-dataset"
              label="Filter by dataset"
              all="All datasets"
              value={filter.dataset}
              // Another dataset has other models and versions.
              onChange={(dataset) => setFilter({ dataset, model: '', promptVersion: '' })}
              options={withCurrent(
                datasets.map((d) => d.name),
                filter.dataset,
              )}
            />
          ) : null}
          <FilterSelect
            id="history-model"
            label="Filter by model"
            all="All models"
            value={filter.model}
            onChange={(model) => setFilter({ model })}
            options={withCurrent(facets.models, filter.model)}
          />
          {facets.promptVersions.length > 0 || filter.promptVersion !== '' ? (
            <FilterSelect
              id="history-prompt-version"
              label="Filter by prompt version"
              all="All prompt versions"
              value={filter.promptVersion}
              onChange={(promptVersion) => setFilter({ promptVersion })}
              options={withCurrent(facets.promptVersions, filter.promptVersion)}
            />
          ) : null}
          <FilterSelect
            id="history-verdict"
            label="Filter by the gate's verdict"
            all="Any verdict"
            value={filter.verdict}
            onChange={(verdict) => setFilter({ verdict: verdict as GateVerdict | '' })}
            options={['publish', 'review']}
            labels={{ publish: 'Verdict: publish', review: 'Verdict: review' }}
          />
        </div>
        {filtered ? (
          <div class="history-filtered" data-testid="history-filtered" tabIndex={-1}>
            <span>
              <span class="muted">Filtered:</span> {describeFilter(filter)}
            </span>
            <button type="button" class="btn btn-small" onClick={() => onFilterChange(EMPTY_HISTORY_FILTER)}>
              Clear filters
            </button>
          </div>
        ) : null}
        {selected.length > 0 ? (
          <div class="compare-bar">
            <span aria-live="polite">
              {selected.length < COMPARE_MIN
                ? 'Pick one more run to compare'
                : full
                  ? `${COMPARE_MAX} runs picked (the most)`
                  : `${selected.length} runs picked`}
            </span>
            <button
              type="button"
              class="btn btn-small btn-primary"
              disabled={selected.length < COMPARE_MIN}
              onClick={() => navigate({ name: 'compare', ids: selected })}
            >
              {selected.length < COMPARE_MIN ? 'Compare' : `Compare ${selected.length} runs`}
            </button>
            <button type="button" class="btn btn-small" onClick={() => setSelected([])}>
              Clear
            </button>
          </div>
        ) : null}
      </div>
      {error ? (
        <div class="notice notice-error sidebar-notice" role="alert">
          <div class="notice-body">
            <div class="notice-title">Could not load the history</div>
            <p>{error}</p>
          </div>
        </div>
      ) : null}
      {!error && !loading && runs.length === 0 ? (
        <p class="sidebar-empty muted">
          {filtered
            ? 'No runs match these filters.'
            : 'No runs yet. Every run you make or import is saved here.'}
        </p>
      ) : null}
      <ul class="history-list" ref={listRef} onKeyDown={onListKey} aria-busy={loading}>
        {runs.map((run) => (
          <HistoryItem
            key={run.id}
            run={run}
            current={run.id === props.currentId}
            thresholds={props.thresholds}
            selected={selected.includes(run.id)}
            selectable={full ? selected.includes(run.id) : true}
            onSelect={onSelect}
            onRename={async (id, title) => {
              await api.updateRun(id, { title });
              setLocalChange((n) => n + 1);
              props.onChanged();
            }}
            onTags={async (id, tagList) => {
              await api.updateRun(id, { tags: tagList });
              setLocalChange((n) => n + 1);
              props.onChanged();
            }}
            onDelete={async (id) => {
              await api.deleteRun(id);
              setSelected((ids) => ids.filter((x) => x !== id));
              setLocalChange((n) => n + 1);
              props.onDeleted(id);
            }}
          />
        ))}
      </ul>
      {runs.length < total ? (
        <div class="sidebar-more">
          <button type="button" class="btn btn-small" disabled={loading} onClick={loadMore}>
            {loading ? 'Loading…' : `Show more (${total - runs.length} left)`}
          </button>
        </div>
      ) : null}
    </nav>
  );
}
