import {
  type AgreementUnit,
  type ConsistencyAnalysis,
  type FactAgreement,
  unitTooltip,
} from '@tokenscope/core';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { placeTooltip } from '../xray/placeTooltip.js';

export interface UnitTooltipProps {
  id: string;
  analysis: ConsistencyAnalysis;
  unit: AgreementUnit | FactAgreement;
  /** The unit's element (the tooltip goes next to its line, never over it). */
  anchor: HTMLElement;
}

/**
 * What the samples say about one sentence or fact (core's `unitTooltip`, the HTML report's too):
 * "carried by 3 of 5 samples", then every other sample's version, ✓ where it carries it.
 */
export function UnitTooltip({ id, analysis, unit, anchor }: UnitTooltipProps) {
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const tip = box.current;
    if (!tip) return;
    const place = () => {
      const rects = anchor.getClientRects();
      const first = rects[0] ?? anchor.getBoundingClientRect();
      const last = rects[rects.length - 1] ?? first;
      const style = getComputedStyle(anchor.closest('.cs-text') ?? anchor);
      const lh = Number.parseFloat(style.lineHeight) || 0;
      const fs = Number.parseFloat(style.fontSize) || 0;
      tip.style.maxHeight = '';
      const placed = placeTooltip(
        first,
        last,
        { width: tip.offsetWidth, height: tip.offsetHeight },
        { width: document.documentElement.clientWidth, height: window.innerHeight },
        lh > fs ? (lh - fs) / 2 : 0,
        0,
      );
      tip.style.left = `${placed.left}px`;
      tip.style.top = `${placed.top}px`;
      tip.dataset.side = placed.side;
      if (placed.maxHeight !== undefined) tip.style.maxHeight = `${placed.maxHeight}px`;
    };
    place();
    window.addEventListener('scroll', place, { capture: true, passive: true });
    window.addEventListener('resize', place);
    return () => {
      window.removeEventListener('scroll', place, { capture: true });
      window.removeEventListener('resize', place);
    };
  });
  const tip = unitTooltip(analysis, unit);
  return (
    <div ref={box} id={id} role="tooltip" class="xr-tip cs-tip" data-testid="consistency-tooltip">
      <div class="xr-tip-head">
        <code class="xr-tip-token">{tip.text}</code>
        <span class="xr-muted"> {tip.what}</span>
      </div>
      <div class="cs-tip-support">{tip.support}</div>
      {tip.versions.length ? (
        <ul class="cs-versions">
          {tip.versions.map((v) => (
            <li key={v.sample} class={v.carries ? 'is-yes' : 'is-no'}>
              <span class="cs-vm" aria-hidden="true">
                {v.carries ? '✓' : '✗'}
              </span>
              <span class="visually-hidden">{v.carries ? 'carries it, ' : 'does not carry it, '}</span>{' '}
              <span class="xr-muted">sample {v.sample}:</span> {v.text || <i>(no matching sentence)</i>}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
