import {
  type AgreementUnit,
  bandClass,
  type ConsistencyAnalysis,
  consistencySegments,
  type FactAgreement,
  supportFraction,
} from '@tokenscope/core';
import type { HTMLAttributes } from 'preact';
import { useId, useMemo, useRef, useState } from 'preact/hooks';
import { UnitTooltip } from './UnitTooltip.js';

/** Which unit a tooltip is about: a sentence (`s`) or a fact (`f`) by index. */
type UnitRef = { kind: 's' | 'f'; index: number };

/**
 * The shown answer of a consistency result: each sentence on its agreement band, each critical fact
 * underlined with its support (`3/5`); hover or focus (Tab) a sentence or fact for its tooltip
 * (`UnitTooltip`), Esc hides it.
 */
export function AgreementText({ analysis }: { analysis: ConsistencyAnalysis }) {
  const segments = useMemo(() => consistencySegments(analysis), [analysis]);
  const [shown, setShown] = useState<UnitRef | null>(null);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const tipId = `${useId()}-cs-tip`;

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

  return (
    <>
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
      {unit && anchor ? <UnitTooltip id={tipId} analysis={analysis} unit={unit} anchor={anchor} /> : null}
    </>
  );
}

/** A sentence or fact: focusable, so the keyboard gets what hover shows (the samples' versions). */
function FocusableSpan(props: HTMLAttributes<HTMLSpanElement>) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: see above; the text around it stays flowing text
    <span {...props} tabIndex={0} />
  );
}
