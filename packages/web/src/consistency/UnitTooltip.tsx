import {
  type AgreementUnit,
  type ConsistencyAnalysis,
  type FactAgreement,
  unitTooltip,
} from '@tokenscope/core';
import { usePlacedTooltip } from '../xray/usePlacedTooltip.js';

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
  const box = usePlacedTooltip(anchor, { textOf: (a) => a.closest('.cs-text') ?? a, linePitch: false });
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
