import { isSamplingOnly, type RunRecord, type Thresholds } from '@tokenscope/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { ComparePicker } from '../app/ComparePicker';
import { Notice } from '../app/Notice';
import { PromptView, RunFacts } from '../app/RunMeta';
import { COMPARE_MAX, COMPARE_MIN, routeHash } from '../app/route';
import { navigate } from '../app/useHashRoute';
import { ConsistencyView } from '../consistency/ConsistencyView';
import { Legend } from '../xray/Legend';
import { XRay } from '../xray/XRay';
import { runLetter } from './runLetter';
import { SummaryTable } from './SummaryTable';

export interface CompareViewProps {
  api: ApiClient;
  /** The runs, in their columns' order (2 to 8). */
  ids: string[];
  thresholds: Thresholds;
  onThresholdsChange: (thresholds: Thresholds) => void;
}

/** A run as loaded, or why it could not be. */
type Loaded = { run: RunRecord } | { error: string };

/**
 * 2 to 8 runs side by side: their confidence summaries in one table, then the prompt, model,
 * parameters and X-ray of each in a grid. Runs are added ("Add a run…"), removed (×) and reordered
 * through the address; a run already loaded is not fetched again.
 */
export function CompareView({ api, ids, ...props }: CompareViewProps) {
  const [loaded, setLoaded] = useState<Record<string, Loaded>>({});
  const loadedRef = useRef(loaded);
  loadedRef.current = loaded;
  const idsKey = JSON.stringify(ids);
  useEffect(() => {
    const wanted: string[] = JSON.parse(idsKey);
    const controller = new AbortController();
    for (const id of new Set(wanted)) {
      if (loadedRef.current[id]) continue;
      api
        .getRun(id, controller.signal)
        .then((run) => setLoaded((m) => ({ ...m, [id]: { run } })))
        .catch((e: unknown) => {
          if (controller.signal.aborted) return;
          setLoaded((m) => ({ ...m, [id]: { error: e instanceof Error ? e.message : String(e) } }));
        });
    }
    // A run still wanted after the change is fetched again by the next effect (it is not in `loaded`).
    return () => controller.abort();
  }, [api, idsKey]);

  const go = (next: string[]) => navigate({ name: 'compare', ids: next });
  const entries = ids.map((id) => loaded[id]);
  const failed = ids.flatMap((id, i) => {
    const entry = loaded[id];
    return entry && 'error' in entry ? [{ id, i, error: entry.error }] : [];
  });
  if (failed.length > 0) {
    const rest = ids.filter((id) => !failed.some((f) => f.id === id));
    return (
      <Notice
        kind="error"
        title={failed.length === 1 ? 'Could not open one of the runs' : 'Could not open some of the runs'}
        {...(rest.length >= COMPARE_MIN
          ? { action: { label: 'Compare the others', onClick: () => go(rest) } }
          : {})}
      >
        {failed.map((f) => `Run ${runLetter(f.i)} (${f.id}): ${f.error}`).join(' · ')}
      </Notice>
    );
  }
  const runs = entries.flatMap((e) => (e && 'run' in e ? [e.run] : []));
  const ready = runs.length === ids.length;
  const keys = columnKeys(ids);
  const move = (i: number, to: number) => {
    const next = [...ids];
    [next[i], next[to]] = [next[to]!, next[i]!];
    go(next);
  };
  const n = ids.length;
  return (
    <div class="compare">
      <section class="card" aria-labelledby="compare-title">
        <div class="card-head compare-head">
          <h2 id="compare-title">Comparison of {n} runs</h2>
          <span class="muted">green marks the most confident run on each row</span>
          <span class="header-spacer" />
          {n === 2 ? (
            <a class="btn btn-small" href={routeHash({ name: 'compare', ids: [ids[1]!, ids[0]!] })}>
              ⇄ Swap
            </a>
          ) : null}
          {n < COMPARE_MAX ? <ComparePicker api={api} runIds={ids} label="Add a run…" /> : null}
        </div>
        {ready ? (
          <SummaryTable runs={runs} />
        ) : (
          <p class="muted compare-loading">
            Loading {n - runs.length === 1 ? 'one run' : `${n - runs.length} runs`}…
          </p>
        )}
      </section>
      <div class="xr-root compare-legend">
        <Legend thresholds={props.thresholds} onThresholdsChange={props.onThresholdsChange} compact />
      </div>
      <div class="compare-columns">
        {ids.map((id, i) => {
          const entry = entries[i];
          const run = entry && 'run' in entry ? entry.run : null;
          const letter = runLetter(i);
          return (
            <section
              class="card compare-column"
              key={keys[i]}
              aria-label={`Run ${letter}: ${run ? run.title : id}`}
              data-run-id={id}
            >
              <div class="card-head">
                <span class="compare-letter" aria-hidden="true">
                  {letter}
                </span>
                <h3>{run ? <a href={routeHash({ name: 'run', id })}>{run.title}</a> : 'Loading…'}</h3>
                {n > COMPARE_MIN ? (
                  <span class="compare-column-tools">
                    <button
                      type="button"
                      class="btn btn-ghost btn-small"
                      aria-label={`Move run ${letter} left`}
                      title="Move left"
                      disabled={i === 0}
                      onClick={() => move(i, i - 1)}
                    >
                      ←
                    </button>
                    <button
                      type="button"
                      class="btn btn-ghost btn-small"
                      aria-label={`Move run ${letter} right`}
                      title="Move right"
                      disabled={i === n - 1}
                      onClick={() => move(i, i + 1)}
                    >
                      →
                    </button>
                    <button
                      type="button"
                      class="btn btn-ghost btn-small"
                      aria-label={`Remove run ${letter} from the comparison`}
                      title="Remove from the comparison"
                      onClick={() => go(ids.filter((_, j) => j !== i))}
                    >
                      ×
                    </button>
                  </span>
                ) : null}
              </div>
              {run ? (
                <div class="card-body">
                  <RunFacts run={run} />
                  <PromptView prompt={run.prompt} fileName={run.fileName} />
                  {isSamplingOnly(run) ? null : (
                    <XRay
                      response={run.response}
                      streaming={false}
                      compact
                      thresholds={props.thresholds}
                      onThresholdsChange={props.onThresholdsChange}
                      params={run.params}
                    />
                  )}
                  {run.consistency ? <ConsistencyView analysis={run.consistency} compact /> : null}
                </div>
              ) : null}
            </section>
          );
        })}
      </div>
    </div>
  );
}

/** One key per column: the run's id, numbered from its second appearance (an address may repeat one). */
function columnKeys(ids: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return ids.map((id) => {
    const count = seen.get(id) ?? 0;
    seen.set(id, count + 1);
    return count === 0 ? id : `${id}#${count}`;
  });
}
