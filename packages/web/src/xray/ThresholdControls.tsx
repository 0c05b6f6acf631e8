import type { Thresholds } from '@tokenscope/core';
import { DEFAULT_THRESHOLDS } from '@tokenscope/core';
import { type BandBound, bandBoundRange, setBandBound, setClueBound } from './editThresholds.js';

export interface ThresholdControlsProps {
  thresholds: Thresholds;
  onChange: (thresholds: Thresholds) => void;
}

const BAND_BOUNDS: Array<{ key: BandBound; label: string }> = [
  { key: 'green', label: 'green above' },
  { key: 'lime', label: 'lime above' },
  { key: 'yellow', label: 'yellow above' },
  { key: 'orange', label: 'orange above' },
];

/** Live threshold sliders (percent): the four band bounds (kept in order), low confidence, ambiguous margin. */
export function ThresholdControls({ thresholds: th, onChange }: ThresholdControlsProps) {
  const slider = (
    label: string,
    value: number,
    set: (v: number) => Thresholds,
    name: string,
    range = { min: 0, max: 1 },
  ) => (
    <label class="xr-slider" key={name}>
      <span>{label}</span>
      <input
        type="range"
        min={Math.round(range.min * 100)}
        max={Math.round(range.max * 100)}
        step={1}
        value={Math.round(value * 100)}
        name={name}
        aria-valuetext={`${Math.round(value * 100)} %`}
        onInput={(e) => onChange(set(Number((e.currentTarget as HTMLInputElement).value) / 100))}
      />
      <output>{Math.round(value * 100)} %</output>
    </label>
  );
  const isDefault = JSON.stringify(th) === JSON.stringify(DEFAULT_THRESHOLDS);
  return (
    <details class="xr-controls">
      <summary>Thresholds</summary>
      <div class="xr-controls-grid">
        {BAND_BOUNDS.map((b) =>
          slider(
            b.label,
            th.bands[b.key],
            (v) => setBandBound(th, b.key, v),
            `band-${b.key}`,
            bandBoundRange(b.key),
          ),
        )}
        {slider('low confidence below', th.lowConfidence, (v) => setClueBound(th, 'lowConfidence', v), 'low')}
        {slider(
          'ambiguous margin below',
          th.ambiguousMargin,
          (v) => setClueBound(th, 'ambiguousMargin', v),
          'amb',
        )}
        <button type="button" disabled={isDefault} onClick={() => onChange(DEFAULT_THRESHOLDS)}>
          Reset to the seed's 90/70/50/30
        </button>
      </div>
    </details>
  );
}
