import type { Thresholds } from '@tokenscope/core';
import { XRay } from '../xray/XRay';
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
                : 'Generating'
              : stream.stopped
                ? 'Stopped'
                : 'Failed'}
            {stream.label ? <span class="muted"> · {stream.label}</span> : null}
          </h2>
          <span class="muted">
            {tokens} token{tokens === 1 ? '' : 's'}
          </span>
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
      {tokens > 0 || stream.streaming ? (
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
