import {
  isSamplingOnly,
  type NextTokenDistribution,
  type RunRecord,
  type Thresholds,
  type TopAlternative,
} from '@tokenscope/core';
import type { ApiClient } from '../api/client';
import { ConsistencyView } from '../consistency/ConsistencyView';
import { RunGatePanel } from '../review/RunGatePanel';
import { Legend } from '../xray/Legend';
import { XRay } from '../xray/XRay';
import { BranchNavigator } from './BranchNavigator';
import { ComparePicker } from './ComparePicker';
import { ExportMenu } from './ExportMenu';
import { FallbackNotice } from './FallbackNotice';
import { PromptView, RunFacts } from './RunMeta';
import { useAfterPaint } from './useAfterPaint';

export interface RunViewProps {
  api: ApiClient;
  run: RunRecord;
  thresholds: Thresholds;
  onThresholdsChange: (thresholds: Thresholds) => void;
  /** Absent: this run cannot be branched (imports). */
  onBranch?: (position: number, token: TopAlternative) => void;
  onReuse: (run: RunRecord) => void;
  refreshKey: number;
  /** The endpoint refused or ignored logprobs when this run was made (known right after it ran). */
  fallback?: string | undefined;
}

/** One saved run: what was asked, its branch tree, its X-ray, and what can be done with it. */
export function RunView({ api, run, ...props }: RunViewProps) {
  const loadDistribution = (position: number, top: number | 'all'): Promise<NextTokenDistribution> =>
    api.distribution(run.id, { position, top });
  // The gate analyses the answer again and lists every sentence: added once the X-ray has painted.
  const gateShown = useAfterPaint(run.id);
  // A run made from samples only has no tokens: its view, and its verdict, come from the comparison.
  const samplesOnly = isSamplingOnly(run);
  const consistency = run.consistency;
  return (
    <>
      <section class="card run-head" aria-labelledby="run-title">
        <div class="card-head">
          <h2 id="run-title" class="run-title">
            {run.title}
          </h2>
          <span class="header-spacer" />
          {run.prompt ? (
            <button type="button" class="btn btn-small" onClick={() => props.onReuse(run)}>
              Edit &amp; rerun
            </button>
          ) : null}
          <ComparePicker api={api} runIds={[run.id]} />
          <ExportMenu api={api} runId={run.id} title={run.title} />
        </div>
        <div class="card-body">
          <RunFacts run={run} />
          {props.fallback ? <FallbackNotice message={props.fallback} /> : null}
          {run.source !== 'import' && !run.branch && !samplesOnly ? (
            <p class="branch-hint muted">
              Branch: open a token's alternatives in the X-ray and pick one to continue the same answer from
              there.
            </p>
          ) : null}
          <details class="prompt-details">
            <summary>Prompt</summary>
            <PromptView prompt={run.prompt} fileName={run.fileName} />
          </details>
        </div>
      </section>
      <BranchNavigator api={api} run={run} refreshKey={props.refreshKey} />
      {samplesOnly && consistency ? (
        <section class="card cs-card" aria-label="Sampling consistency">
          <div class="card-body">
            <ConsistencyView analysis={consistency} />
          </div>
        </section>
      ) : consistency ? (
        <div class="cs-both" data-testid="both-views">
          <section class="card cs-card" aria-label="Token logprobs">
            <div class="card-body xr-root">
              <h2 class="cs-column-title">Token logprobs</h2>
              <Legend thresholds={props.thresholds} onThresholdsChange={props.onThresholdsChange} compact />
              <XRay
                response={run.response}
                streaming={false}
                thresholds={props.thresholds}
                onThresholdsChange={props.onThresholdsChange}
                params={run.params}
                compact
              />
            </div>
          </section>
          <section class="card cs-card" aria-label="Sampling consistency">
            <div class="card-body">
              <ConsistencyView analysis={consistency} compact />
            </div>
          </section>
        </div>
      ) : null}
      {samplesOnly ? null : (
        <XRay
          response={run.response}
          streaming={false}
          thresholds={props.thresholds}
          onThresholdsChange={props.onThresholdsChange}
          params={run.params}
          loadDistribution={loadDistribution}
          {...(props.onBranch ? { onBranch: props.onBranch } : {})}
        />
      )}
      {samplesOnly ? null : gateShown ? (
        <RunGatePanel key={run.id} api={api} run={run} />
      ) : (
        <section class="card rv" aria-busy="true" data-testid="run-gate-pending">
          <div class="card-head">
            <h2>Confidence gate</h2>
            <span class="muted">checking the sentences…</span>
          </div>
        </section>
      )}
    </>
  );
}
