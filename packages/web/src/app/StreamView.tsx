import type { Thresholds } from '@tokenscope/core';
import { XRay } from '../xray/XRay';
import { FallbackNotice } from './FallbackNotice';
import type { RunStream } from './useRunStream';

export interface StreamViewProps {
  stream: RunStream;
  thresholds: Thresholds;
  onThresholdsChange: (thresholds: Thresholds) => void;
  onStop: () => void;
  onDismiss: () => void;
}

/** A run being generated (tokens appear as they stream), or one that failed or was stopped. */
export function StreamView({ stream, ...props }: StreamViewProps) {
  const tokens = stream.response.completions[0]?.tokens.length ?? 0;
  return (
    <>
      <section class="card stream-head" aria-live="polite" aria-busy={stream.streaming}>
        <div class="card-head">
          {stream.streaming ? <span class="spinner" aria-hidden="true" /> : null}
          <h2>
            {stream.streaming
              ? stream.kind === 'branch'
                ? 'Branching'
                : stream.sampling
                  ? 'Sampling'
                  : 'Generating'
              : stream.stopped
                ? 'Stopped'
                : 'Failed'}
            {stream.label ? <span class="muted"> · {stream.label}</span> : null}
          </h2>
          {stream.sampling && tokens === 0 ? null : (
            <span class="muted">
              {tokens} token{tokens === 1 ? '' : 's'}
            </span>
          )}
          {stream.sampling ? (
            <span class="muted" data-testid="sampling-progress">
              sample {stream.sampling.done} of {stream.sampling.samples} done (temperature{' '}
              {stream.sampling.temperature})
            </span>
          ) : null}
          <span class="header-spacer" />
          {stream.streaming ? (
            <button type="button" class="btn btn-small btn-danger" onClick={props.onStop}>
              ■ Stop
            </button>
          ) : (
            <button type="button" class="btn btn-small" onClick={props.onDismiss}>
              Dismiss
            </button>
          )}
        </div>
        {stream.sampling?.fallback ? (
          <div class="card-body">
            <FallbackNotice message={stream.sampling.fallback} />
          </div>
        ) : null}
        {stream.sampling && stream.streaming ? (
          <div class="card-body">
            <progress
              class="sampling-bar"
              max={stream.sampling.samples}
              value={stream.sampling.done}
              aria-label="Samples done"
            />
          </div>
        ) : null}
        {stream.error ? (
          <div class="card-body">
            <div class="notice notice-error" role="alert">
              <div class="notice-body">
                <div class="notice-title">The run failed</div>
                <p>{stream.error}</p>
              </div>
            </div>
          </div>
        ) : null}
        {stream.stopped ? (
          <div class="card-body">
            <div class="notice notice-warn" role="status">
              <div class="notice-body">Stopped. The partial answer below was not saved.</div>
            </div>
          </div>
        ) : null}
      </section>
      {tokens > 0 || (stream.streaming && !stream.sampling) ? (
        <XRay
          response={stream.response}
          streaming={stream.streaming}
          thresholds={props.thresholds}
          onThresholdsChange={props.onThresholdsChange}
        />
      ) : null}
    </>
  );
}
