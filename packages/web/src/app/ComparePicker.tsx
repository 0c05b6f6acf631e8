import type { RunListItem } from '@tokenscope/core';
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { useDebounced } from '../history/useDebounced';
import { formatRelativeTime } from './format';
import { Menu } from './Menu';
import { navigate } from './useHashRoute';

/** "Compare with…": search the history for a second run and open the comparison. */
export function ComparePicker({ api, runId }: { api: ApiClient; runId: string }) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const [runs, setRuns] = useState<RunListItem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const query = useDebounced(search.trim(), 250);
  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    api
      .listRuns({ search: query, limit: 12 }, controller.signal)
      .then((list) => setRuns(list.runs.filter((r) => r.id !== runId)))
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      });
    return () => controller.abort();
  }, [api, open, query, runId]);
  return (
    <Menu label="Compare with…" onToggle={setOpen}>
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
                onClick={() => navigate({ name: 'compare', a: runId, b: r.id })}
              >
                <span class="picker-title">{r.title}</span>
                <span class="muted">
                  {r.model} · {formatRelativeTime(r.createdAt)}
                </span>
              </button>
            </li>
          ))}
          {runs.length === 0 && !error ? <li class="muted">No other runs yet.</li> : null}
        </ul>
      </div>
    </Menu>
  );
}
