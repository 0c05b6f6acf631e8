import {
  type AgreementUnit,
  BANDS,
  bandClass,
  bandRange,
  CONSISTENCY_DISCLAIMER,
  type ConsistencyAnalysis,
  consistencyLabel,
  consistencySegments,
  DEFAULT_THRESHOLDS,
  type FactAgreement,
  formatProbability,
  formatTemperature,
  gateConsistency,
  supportFraction,
} from '@tokenscope/core';
import type { HTMLAttributes } from 'preact';
import { useId, useMemo, useRef, useState } from 'preact/hooks';
import { installXrayStyle } from '../xray/xrayStyle.js';
import { UnitTooltip } from './UnitTooltip.js';
import './consistency.css';

if (typeof document !== 'undefined') installXrayStyle(document);

export interface ConsistencyViewProps {
  analysis: ConsistencyAnalysis;
  /** Side by side with the token X-ray (`both`): a narrower layout. */
  compact?: boolean;
}

/** Which unit a tooltip is about: a sentence (`s`) or a fact (`f`) by index. */
type UnitRef = { kind: 's' | 'f'; index: number };

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
  const segments = useMemo(() => consistencySegments(analysis), [analysis]);
  const verdict = useMemo(() => gateConsistency(analysis), [analysis]);
  const [shown, setShown] = useState<UnitRef | null>(null);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const tipId = `${useId()}-cs-tip`;
  const n = analysis.samples.length;

  const unitOf = (ref: UnitRef): AgreementUnit | FactAgreement | undefined =>
    ref.kind === 's' ? analysis.sentences[ref.index] : analysis.facts[ref.index];
  const show = (target: EventTarget | null) => {
    const el = target instanceof Element ? (target.closest('[data-unit]') as HTMLElement | null) : null;
    if (!el || !box.current?.contains(el)) return;
    const id = el.dataset.unit!;
    setShown({ kind: id[0] as 's' | 'f', index: Number(id.slice(1)) });
    setAnchor(el);
  };
  const hide = () => {
    setShown(null);
    setAnchor(null);
  };
  const unit = shown ? unitOf(shown) : undefined;

  const parts: preact.JSX.Element[] = [];
  let open: { sentence: number; children: preact.JSX.Element[] } | null = null;
  const flush = () => {
    if (!open) return;
    const s = analysis.sentences[open.sentence]!;
    const id = `s${open.sentence}`;
    parts.push(
      <FocusableSpan
        key={id}
        class={`cs-unit cs-sentence xr-${bandClass(s.band)}`}
        data-unit={id}
        data-band={s.band}
        aria-describedby={shown?.kind === 's' && shown.index === open.sentence ? tipId : undefined}
      >
        {open.children}
      </FocusableSpan>,
    );
    open = null;
  };
  segments.forEach((seg, k) => {
    const fact = seg.fact === null ? undefined : analysis.facts[seg.fact];
    const node = fact ? (
      <FocusableSpan
        key={k}
        class="cs-unit cs-fact"
        data-unit={`f${seg.fact}`}
        data-band={fact.band}
        aria-describedby={shown?.kind === 'f' && shown.index === seg.fact ? tipId : undefined}
      >
        {seg.text}
        {seg.endsFact ? (
          <sup class="cs-sup">
            <span class="visually-hidden"> carried by </span>
            {supportFraction(fact, analysis)}
            <span class="visually-hidden"> samples</span>
          </sup>
        ) : null}
      </FocusableSpan>
    ) : (
      <span key={k}>{seg.text}</span>
    );
    if (seg.sentence === null) {
      flush();
      parts.push(node);
      return;
    }
    if (open && open.sentence !== seg.sentence) flush();
    open ??= { sentence: seg.sentence, children: [] };
    open.children.push(node);
    if (seg.endsSentence) flush();
  });
  flush();

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
      {/* biome-ignore lint/a11y/noStaticElementInteractions: hover and focus of the units inside bubble up here */}
      {/* biome-ignore lint/a11y/useKeyWithMouseEvents: focus (focusin) shows what hover shows */}
      <div
        ref={box}
        class="xr-text cs-text"
        data-testid="consistency-text"
        onMouseOver={(e) => show(e.target)}
        onMouseLeave={() => {
          if (
            !(document.activeElement instanceof HTMLElement && box.current?.contains(document.activeElement))
          )
            hide();
        }}
        onFocusIn={(e) => show(e.target)}
        onFocusOut={(e) => {
          if (!(e.relatedTarget instanceof Node && box.current?.contains(e.relatedTarget))) hide();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') hide();
        }}
      >
        {analysis.text.trim() === '' ? <span class="xr-muted">(empty answer)</span> : parts}
      </div>
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
      {unit && anchor ? <UnitTooltip id={tipId} analysis={analysis} unit={unit} anchor={anchor} /> : null}
    </div>
  );
}

/** A sentence or fact: focusable, so the keyboard gets what hover shows (the samples' versions). */
function FocusableSpan(props: HTMLAttributes<HTMLSpanElement>) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: see above; the text around it stays flowing text
    <span {...props} tabIndex={0} />
  );
}
