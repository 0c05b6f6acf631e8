import { DEFAULT_THRESHOLDS, type Thresholds } from '@tokenscope/core';

const KEY = 'tokenscope.thresholds';

/** Thresholds saved by the user, or the defaults when none (or invalid ones) are stored. */
export function parseStoredThresholds(text: string | null | undefined): Thresholds {
  if (!text) return DEFAULT_THRESHOLDS;
  try {
    const value = JSON.parse(text) as Partial<Thresholds> & { bands?: Partial<Thresholds['bands']> };
    const bands = { ...DEFAULT_THRESHOLDS.bands, ...value.bands };
    const result: Thresholds = {
      bands,
      lowConfidence: value.lowConfidence ?? DEFAULT_THRESHOLDS.lowConfidence,
      ambiguousMargin: value.ambiguousMargin ?? DEFAULT_THRESHOLDS.ambiguousMargin,
    };
    const all = [
      bands.green,
      bands.lime,
      bands.yellow,
      bands.orange,
      result.lowConfidence,
      result.ambiguousMargin,
    ];
    if (!all.every((v) => typeof v === 'number' && v >= 0 && v <= 1)) return DEFAULT_THRESHOLDS;
    if (!(bands.green >= bands.lime && bands.lime >= bands.yellow && bands.yellow >= bands.orange)) {
      return DEFAULT_THRESHOLDS;
    }
    return result;
  } catch {
    return DEFAULT_THRESHOLDS;
  }
}

export function loadThresholds(): Thresholds {
  try {
    return parseStoredThresholds(globalThis.localStorage?.getItem(KEY));
  } catch {
    return DEFAULT_THRESHOLDS;
  }
}

export function saveThresholds(thresholds: Thresholds): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(thresholds));
  } catch {
    // Not saved: the thresholds still apply to this page.
  }
}
