import {
  BANDS,
  bandClass,
  bandRange,
  CONSISTENCY_DISCLAIMER,
  type ConsistencyAnalysis,
  consistencyLabel,
  DEFAULT_THRESHOLDS,
  formatProbability,
  formatTemperature,
  gateConsistency,
} from '@tokenscope/core';
import { useMemo } from 'preact/hooks';
import { installXrayStyle } from '../xray/xrayStyle.js';
import { AgreementText } from './AgreementText.js';
import './consistency.css';

if (typeof document !== 'undefined') installXrayStyle(document);

export interface ConsistencyViewProps {
  analysis: ConsistencyAnalysis;
  /** Side by side with the token X-ray (`both`): a narrower layout. */
  compact?: boolean;
}

/**
 * The X-ray of a sampling-consistency result: the shown answer with each sentence on its agreement
 * band (the token bands' colours and scale) and each critical fact underlined with its support
 * (`3/5`); hover or focus a sentence or fact for "carried by 3 of 5 samples" and what the other
 * samples say there. Short answers list the distinct answers with their counts. Labelled as
 * sampling-based, with the samples, temperature and cost, and what agreement does not measure.
 */
export function ConsistencyView({ analysis, compact = false }: ConsistencyViewProps) {
  // `both`: sample 1 is the answer generated with logprobs, the others were sampled to judge it.
  const referenceFirst = analysis.reference === true;
  const n = analysis.samples.length;
  const verdict = useMemo(() => gateConsistency(analysis), [analysis]);
  const cost = analysis.cost;
  const tokens = (cost.promptTokens ?? 0) + (cost.completionTokens ?? 0);
  return (
    <div class={`xr-root cs-root${compact ? ' cs-compact' : ''}`} data-testid="consistency">
      <div class="cs-head">
        <h2>Sampling consistency</h2>
        <span
          class={`chip cs-verdict${verdict.verdict === 'review' ? ' is-review' : ''}`}
          data-verdict={verdict.verdict}
          title={verdict.reason}
        >
          {verdict.verdict}
        </span>
      </div>
      <p class="cs-label" data-testid="consistency-label">
        {consistencyLabel(analysis)}
      </p>
      {referenceFirst ? (
        <p class="xr-note">
          Sample 1 is the answer the token X-ray shows (generated with logprobs); the other {n - 1} were
          sampled to judge it.
        </p>
      ) : null}
      <p class="cs-disclaimer">{CONSISTENCY_DISCLAIMER}</p>
      <section class="xr-legend" aria-label="Agreement legend">
        <div class="xr-legend-row">
          <b>Agreement</b>
          {BANDS.map((b) => (
            <span key={b} class="xr-legend-item">
              <span class={`xr-sw xr-${bandClass(b)}`}>{b}</span>
              {bandRange(b, DEFAULT_THRESHOLDS, 'agreement')}
            </span>
          ))}
        </div>
        <div class="xr-legend-row">
          <b>Marks</b>
          <span class="xr-legend-item">
            <span class="cs-fact">fact</span>
            <sup class="cs-sup">k/{n}</sup> critical fact, carried by k of the {n} samples
          </span>
        </div>
      </section>
      <AgreementText analysis={analysis} />
      <p class="xr-note">
        Hover or focus a sentence or fact (<kbd>Tab</kbd>) for how many samples carry it and what the others
        say there; <kbd>Esc</kbd> hides it.
      </p>
      <div class="cs-stats">
        <div class="cs-stat">
          <b class={`xr-${bandClass(analysis.band)}`}>{formatProbability(analysis.agreement)}</b>
          <span>
            agreement (
            {analysis.mode === 'short' ? 'share of samples giving this answer' : 'mean over sentences'})
          </span>
        </div>
        {analysis.mode === 'long' ? (
          <div class="cs-stat">
            <b>{formatProbability(analysis.minAgreement)}</b>
            <span>lowest sentence</span>
          </div>
        ) : null}
        <div class="cs-stat">
          <b>{n}</b>
          <span>samples at temperature {formatTemperature(analysis.temperature)}</span>
        </div>
        <div class="cs-stat">
          <b>{cost.requests}</b>
          <span>requests</span>
        </div>
        {cost.promptTokens !== undefined || cost.completionTokens !== undefined ? (
          <div class="cs-stat">
            <b>{tokens}</b>
            <span>tokens</span>
          </div>
        ) : null}
        {cost.ms !== undefined ? (
          <div class="cs-stat">
            <b>{(cost.ms / 1000).toFixed(1)} s</b>
            <span>time</span>
          </div>
        ) : null}
      </div>
      {analysis.mode === 'short' ? (
        <section aria-label="Distinct answers">
          <h3>Answers ({analysis.answers.length} distinct)</h3>
          <ul class="cs-answers" data-testid="consistency-answers">
            {analysis.answers.map((a) => (
              <li key={a.answer}>
                <span class="cs-bar" style={{ width: `${(a.count / n) * 100}%` }} aria-hidden="true" />
                <span class="xr-num cs-count">
                  {a.count}/{n}
                </span>
                <span class="cs-answer">{a.text}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <details class="cs-samples">
        <summary>All {n} samples</summary>
        <ol>
          {analysis.samples.map((s, i) => (
            <li key={i}>
              {s.text}
              {i === analysis.chosen ? <span class="xr-muted"> (shown)</span> : null}
              {referenceFirst && i === 0 ? <span class="xr-muted"> (generated with logprobs)</span> : null}
              {s.finishReason && s.finishReason !== 'stop' ? (
                <span class="xr-muted"> ({s.finishReason})</span>
              ) : null}
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}
