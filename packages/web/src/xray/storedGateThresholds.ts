import { DEFAULT_GATE_THRESHOLDS } from '@tokenscope/core';
import { type GateThresholds, gateThresholdsError } from './sentenceVerdict.js';

const KEY = 'tokenscope.gateThresholds';
/** Fired on `window` when the thresholds change, so every view on the page follows. */
export const GATE_THRESHOLDS_EVENT = 'tokenscope:gate-thresholds';

/** Gate thresholds saved by the user, or the defaults when none (or invalid ones) are stored. */
export function parseStoredGateThresholds(text: string | null | undefined): GateThresholds {
  const defaults = { ...DEFAULT_GATE_THRESHOLDS };
  if (!text) return defaults;
  try {
    const value = JSON.parse(text) as Partial<GateThresholds>;
    const t = { publish: value.publish, review: value.review };
    if (typeof t.publish !== 'number' || typeof t.review !== 'number') return defaults;
    return gateThresholdsError(t as GateThresholds) === null ? (t as GateThresholds) : defaults;
  } catch {
    return defaults;
  }
}

export function loadGateThresholds(): GateThresholds {
  try {
    return parseStoredGateThresholds(globalThis.localStorage?.getItem(KEY));
  } catch {
    return { ...DEFAULT_GATE_THRESHOLDS };
  }
}

export function saveGateThresholds(thresholds: GateThresholds): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(thresholds));
  } catch {
    // Not saved: they still apply to this page.
  }
  globalThis.dispatchEvent?.(new CustomEvent(GATE_THRESHOLDS_EVENT, { detail: thresholds }));
}
