import type { RunRecord, Thresholds } from '@tokenscope/core';
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { Notice } from '../app/Notice';
import { PromptView, RunFacts } from '../app/RunMeta';
import { routeHash } from '../app/route';
import { Legend } from '../xray/Legend';
import { XRay } from '../xray/XRay';
import { SummaryTable } from './SummaryTable';

export interface CompareViewProps {
  api: ApiClient;
  a: string;
  b: string;
  thresholds: Thresholds;
  onThresholdsChange: (thresholds: Thresholds) => void;
}

/** Two runs side by side: prompt, model, parameters and X-ray of each, and their confidence summaries. */
export function CompareView({ api, a, b, ...props }: CompareViewProps) {
  const [runs, setRuns] = useState<[RunRecord, RunRecord] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    setRuns(null);
    setError(null);
    Promise.all([api.getRun(a, controller.signal), api.getRun(b, controller.signal)])
      .then(([ra, rb]) => setRuns([ra, rb]))
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      });
    return () => controller.abort();
  }, [api, a, b]);

  if (error) {
    return (
      <Notice kind="error" title="Could not open the comparison">
        {error}
      </Notice>
    );
  }
  if (!runs) return <p class="muted">Loading both runs…</p>;
  const [ra, rb] = runs;
  return (
    <div class="compare">
      <section class="card" aria-labelledby="compare-title">
        <div class="card-head">
          <h2 id="compare-title">Comparison</h2>
          <span class="muted">green marks the more confident run on each row</span>
          <span class="header-spacer" />
          <a class="btn btn-small" href={routeHash({ name: 'compare', a: b, b: a })}>
            ⇄ Swap
          </a>
        </div>
        <SummaryTable a={ra} b={rb} />
      </section>
      <div class="xr-root compare-legend">
        <Legend thresholds={props.thresholds} onThresholdsChange={props.onThresholdsChange} compact />
      </div>
      <div class="compare-columns">
        {runs.map((run, i) => (
          <section
            class="card compare-column"
            key={run.id}
            aria-label={`Run ${i === 0 ? 'A' : 'B'}: ${run.title}`}
          >
            <div class="card-head">
              <span class="compare-letter" aria-hidden="true">
                {i === 0 ? 'A' : 'B'}
              </span>
              <h3>
                <a href={routeHash({ name: 'run', id: run.id })}>{run.title}</a>
              </h3>
            </div>
            <div class="card-body">
              <RunFacts run={run} />
              <PromptView prompt={run.prompt} fileName={run.fileName} />
              <XRay
                response={run.response}
                streaming={false}
                compact
                thresholds={props.thresholds}
                onThresholdsChange={props.onThresholdsChange}
                params={run.params}
              />
            </div>
          </section>
        ))}
      </div>
    </div>
  );
}
