import type { RunListItem } from '@tokenscope/core';
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { useDebounced } from '../history/useDebounced';
import { formatRelativeTime } from './format';
import { Menu } from './Menu';
import { navigate } from './useHashRoute';

export interface ComparePickerProps {
  api: ApiClient;
  /** The runs already compared (or the one open): not offered. */
  runIds: readonly string[];
  /** The menu's label: "Compare with…" on a run, "Add a run…" on a comparison. */
  label?: string;
}

/**
 * "Compare with…" / "Add a run…": search the history for one more run and open the comparison of
 * `runIds` and that run.
 */
export function ComparePicker({ api, runIds, label = 'Compare with…' }: ComparePickerProps) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const [runs, setRuns] = useState<RunListItem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const query = useDebounced(search.trim(), 250);
  // The ids as text: a new array holding the same runs is no change.
  const excludeKey = JSON.stringify(runIds);
  useEffect(() => {
    const exclude: string[] = JSON.parse(excludeKey);
    if (!open) return;
    const controller = new AbortController();
    api
      .listRuns({ search: query, limit: 12 + exclude.length }, controller.signal)
      .then((list) => setRuns(list.runs.filter((r) => !exclude.includes(r.id))))
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      });
    return () => controller.abort();
  }, [api, open, query, excludeKey]);
  return (
    <Menu label={label} onToggle={setOpen}>
      <div class="menu-list compare-picker">
        <label class="visually-hidden" for="compare-search">
          Search a run to compare with
        </label>
        <input
          id="compare-search"
          class="input"
          type="search"
          placeholder="Search runs"
          value={search}
          onInput={(e) => setSearch(e.currentTarget.value)}
        />
        {error ? <p class="field-error">{error}</p> : null}
        <ul>
          {runs.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                class="btn btn-ghost btn-small menu-choice"
                onClick={() => navigate({ name: 'compare', ids: [...runIds, r.id] })}
              >
                <span class="picker-title">{r.title}</span>
                <span class="muted">
                  {r.model} · {formatRelativeTime(r.createdAt)}
                </span>
              </button>
            </li>
          ))}
          {runs.length === 0 && !error ? (
            <li class="muted">{query ? 'No other run matches.' : 'No other runs yet.'}</li>
          ) : null}
        </ul>
      </div>
    </Menu>
  );
}
