import type { Thresholds } from '@tokenscope/core';
import {
  BANDS,
  bandClass,
  bandRange,
  CLUE_CLASS,
  CLUE_MARKERS,
  CLUES,
  clueRule,
  DISCLAIMER,
} from '@tokenscope/core';
import { ThresholdControls } from './ThresholdControls.js';

export interface LegendProps {
  thresholds: Thresholds;
  onThresholdsChange: (thresholds: Thresholds) => void;
  compact: boolean;
}

/**
 * The legend tells the truth: the bands are ABSOLUTE probabilities (the same colour means the same
 * probability in every answer), each with its range under the current thresholds; each clue has a
 * glyph and an underline as well as a name, so nothing relies on colour alone.
 */
export function Legend({ thresholds, onThresholdsChange, compact }: LegendProps) {
  return (
    <section class="xr-legend" aria-label="Legend">
      <div class="xr-legend-row">
        <b>Bands</b>
        {BANDS.map((b) => (
          <span key={b} class="xr-legend-item">
            <span class={`xr-sw xr-${bandClass(b)}`}>{b}</span>
            {bandRange(b, thresholds)}
          </span>
        ))}
      </div>
      <div class="xr-legend-row">
        <b>Clues</b>
        {CLUES.map((c) => (
          <span key={c} class="xr-legend-item">
            <span class={`xr-t xr-${CLUE_CLASS[c]}`}>abc</span>
            <span class="xr-mk" aria-hidden="true">
              {CLUE_MARKERS[c].glyph}
            </span>{' '}
            {CLUE_MARKERS[c].label} ({clueRule(c, thresholds)})
          </span>
        ))}
        <span class="xr-legend-item">
          <span class="xr-t xr-span xr-span-single">span</span> low-confidence span
        </span>
      </div>
      {!compact && <p class="xr-note">Colours are absolute: a confident answer stays green. {DISCLAIMER}</p>}
      {!compact && <ThresholdControls thresholds={thresholds} onChange={onThresholdsChange} />}
    </section>
  );
}
