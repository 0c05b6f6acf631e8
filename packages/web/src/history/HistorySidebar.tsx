import type { RunListItem, RunSource, Thresholds } from '@tokenscope/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { navigate } from '../app/useHashRoute';
import { HistoryItem } from './HistoryItem';
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

/** The run history: search, filters, a paged list, and the comparison of two picked runs. */
export function HistorySidebar(props: HistorySidebarProps) {
  const { api } = props;
  const [search, setSearch] = useState('');
  const [tag, setTag] = useState('');
  const [source, setSource] = useState<RunSource | ''>('');
  const [tags, setTags] = useState<Array<{ tag: string; count: number }>>([]);
  const [runs, setRuns] = useState<RunListItem[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [localChange, setLocalChange] = useState(0);
  const query = useDebounced(search.trim(), 250);
  const listRef = useRef<HTMLUListElement>(null);
  const filtered = query !== '' || tag !== '' || source !== '';

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    api
      .listRuns(
        { search: query, tag, ...(source ? { source } : {}), limit: PAGE, offset: 0 },
        controller.signal,
      )
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
  }, [api, query, tag, source, props.refreshKey, localChange]);

  useEffect(() => {
    api
      .tags()
      .then(setTags)
      .catch(() => setTags([]));
  }, [api, props.refreshKey, localChange]);

  const loadMore = () => {
    setLoading(true);
    api
      .listRuns({ search: query, tag, ...(source ? { source } : {}), limit: PAGE, offset: runs.length })
      .then((list) => {
        const known = new Set(runs.map((r) => r.id));
        setRuns([...runs, ...list.runs.filter((r) => !known.has(r.id))]);
        setTotal(list.total);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setLoading(false));
  };

  const onSelect = (id: string, on: boolean) =>
    setSelected((ids) => (on ? [...ids.filter((x) => x !== id), id].slice(-2) : ids.filter((x) => x !== id)));

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
          value={search}
          onInput={(e) => setSearch(e.currentTarget.value)}
        />
        <div class="sidebar-filters">
          <label class="visually-hidden" for="history-tag">
            Filter by tag
          </label>
          <select id="history-tag" class="input" value={tag} onChange={(e) => setTag(e.currentTarget.value)}>
            <option value="">All tags</option>
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
            onChange={(e) => setSource(e.currentTarget.value as RunSource | '')}
          >
            {SOURCES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        {selected.length > 0 ? (
          <div class="compare-bar">
            <span>{selected.length === 2 ? 'Two runs picked' : 'Pick one more run to compare'}</span>
            <button
              type="button"
              class="btn btn-small btn-primary"
              disabled={selected.length !== 2}
              onClick={() => navigate({ name: 'compare', a: selected[0]!, b: selected[1]! })}
            >
              Compare
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
