import type { DatasetSummary } from '@tokenscope/core';
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { useDebounced } from '../history/useDebounced';

export interface SummaryState {
  summary: DatasetSummary | null;
  /** The query the shown summary answers (JSON), so the page can tell a stale one. */
  shownKey: string | null;
  loading: boolean;
  error: string | null;
}

/**
 * `GET /api/datasets/summary` for `params` (null: none), once they have settled for 200 ms (typing a
 * threshold asks once); the previous answer stays shown while the next loads, an older request is
 * aborted.
 */
export function useDatasetSummary(
  api: ApiClient,
  params: Record<string, string | number | undefined> | null,
  reloads = 0,
): SummaryState {
  const key = params === null ? null : JSON.stringify(params);
  const settled = useDebounced(key, 200);
  const [state, setState] = useState<SummaryState>({
    summary: null,
    shownKey: null,
    loading: key !== null,
    error: null,
  });
  useEffect(() => {
    if (settled === null) {
      setState({ summary: null, shownKey: null, loading: false, error: null });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    api
      .datasetSummary(JSON.parse(settled) as Record<string, string | number | undefined>, controller.signal)
      .then((summary) => setState({ summary, shownKey: settled, loading: false, error: null }))
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => ({ ...s, loading: false, error: e instanceof Error ? e.message : String(e) }));
      });
    return () => controller.abort();
  }, [api, settled, reloads]);
  return { ...state, loading: state.loading || settled !== key };
}
