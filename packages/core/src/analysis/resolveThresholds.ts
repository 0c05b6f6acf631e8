/**
 * Thresholds with the user's overrides applied and checked. Every threshold is a probability in
 * 0..1 (not a logprob); the band bounds must be strictly descending: green > lime > yellow > orange.
 */
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { isRecord } from '../formats/checkShape.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from './Thresholds.js';

/** Any subset of `Thresholds`, bands included. */
export interface ThresholdOverrides {
  bands?: Partial<Thresholds['bands']>;
  lowConfidence?: number;
  ambiguousMargin?: number;
}

const BAND_KEYS = ['green', 'lime', 'yellow', 'orange'] as const;
const TOP_KEYS = ['bands', 'lowConfidence', 'ambiguousMargin'] as const;

/**
 * Merges `overrides` over `DEFAULT_THRESHOLDS`. Throws `InvalidOptionError` naming the option (e.g.
 * `thresholds.bands.lime`) for an unknown key, a value that is not a number in 0..1, or bands that
 * are not strictly descending.
 */
export function resolveThresholds(overrides?: ThresholdOverrides): Thresholds {
  if (overrides === undefined || overrides === null) return cloneDefaults();
  if (typeof overrides !== 'object') {
    throw new InvalidOptionError('thresholds', `expected an object, got ${typeof overrides}`);
  }
  checkKeys(overrides, TOP_KEYS, 'thresholds');
  const bandsIn: unknown = overrides.bands;
  if (bandsIn !== undefined && !isRecord(bandsIn)) {
    throw new InvalidOptionError('thresholds.bands', 'expected an object with green, lime, yellow, orange');
  }
  const bandOverrides = bandsIn ?? {};
  checkKeys(bandOverrides, BAND_KEYS, 'thresholds.bands');

  const bands = { ...DEFAULT_THRESHOLDS.bands };
  for (const key of BAND_KEYS) {
    const value = bandOverrides[key];
    if (value !== undefined) bands[key] = checkProbability(value, `thresholds.bands.${key}`);
  }
  for (let i = 1; i < BAND_KEYS.length; i++) {
    const upper = BAND_KEYS[i - 1]!;
    const lower = BAND_KEYS[i]!;
    if (!(bands[upper] > bands[lower])) {
      const named = bandOverrides[lower] !== undefined ? lower : upper;
      throw new InvalidOptionError(
        `thresholds.bands.${named}`,
        `bands must be strictly descending (green > lime > yellow > orange), got ${upper} ${bands[upper]} <= ${lower} ${bands[lower]}`,
      );
    }
  }
  const result: Thresholds = {
    bands,
    lowConfidence: DEFAULT_THRESHOLDS.lowConfidence,
    ambiguousMargin: DEFAULT_THRESHOLDS.ambiguousMargin,
  };
  if (overrides.lowConfidence !== undefined) {
    result.lowConfidence = checkProbability(overrides.lowConfidence, 'thresholds.lowConfidence');
  }
  if (overrides.ambiguousMargin !== undefined) {
    result.ambiguousMargin = checkProbability(overrides.ambiguousMargin, 'thresholds.ambiguousMargin');
  }
  return result;
}

function cloneDefaults(): Thresholds {
  return { ...DEFAULT_THRESHOLDS, bands: { ...DEFAULT_THRESHOLDS.bands } };
}

function checkKeys(object: object, known: readonly string[], path: string): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) {
      throw new InvalidOptionError(
        `${path}.${key}`,
        `unknown threshold; expected one of: ${known.join(', ')}`,
      );
    }
  }
}

function checkProbability(value: unknown, option: string): number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    const shown = typeof value === 'string' ? `the string "${value}"` : String(value);
    throw new InvalidOptionError(option, `expected a number in 0..1, got ${shown}`);
  }
  if (value < 0 || value > 1) {
    throw new InvalidOptionError(option, `expected a probability in 0..1, got ${value}`);
  }
  return value;
}
