import { InvalidArgumentError } from 'commander';

/**
 * Value parsers for numeric options. Each throws commander's `InvalidArgumentError`, so commander
 * reports `option '--name <value>' argument 'x' is invalid. <reason>`, which names the option.
 */

function toNumber(text: string): number {
  const trimmed = text.trim();
  // Number('') is 0 and Number('0x10') is 16: accept plain decimal notation only.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) {
    throw new InvalidArgumentError(`Expected a number, got ${JSON.stringify(text)}.`);
  }
  return Number(trimmed);
}

/** A probability in 0..1; a trailing `%` divides by 100 (`5%` is 0.05). */
export function parseProbability(text: string): number {
  const percent = text.trim().endsWith('%');
  const value = toNumber(percent ? text.trim().slice(0, -1) : text) / (percent ? 100 : 1);
  if (!(value >= 0 && value <= 1)) {
    throw new InvalidArgumentError(`Expected a probability in 0..1, got ${text}.`);
  }
  return value;
}

/** A finite number greater than 0. */
export function parsePositiveNumber(text: string): number {
  const value = toNumber(text);
  if (!(value > 0 && Number.isFinite(value))) {
    throw new InvalidArgumentError(`Expected a number greater than 0, got ${text}.`);
  }
  return value;
}

/** Returns a parser for an integer of at least `min`. */
export function integerAtLeast(min: number): (text: string) => number {
  return (text: string): number => {
    const value = toNumber(text);
    if (!Number.isSafeInteger(value) || value < min) {
      throw new InvalidArgumentError(`Expected an integer >= ${min}, got ${text}.`);
    }
    return value;
  };
}

/** A line width: 0 (no wrapping) or an integer of at least 20. */
export function parseWidth(text: string): number {
  const value = toNumber(text);
  if (!Number.isSafeInteger(value) || (value !== 0 && value < 20)) {
    throw new InvalidArgumentError(`Expected an integer >= 20, or 0 for no wrapping, got ${text}.`);
  }
  return value;
}

const SIZE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** A size in bytes: `1048576`, `512K`, `64M`, `1G` (`KiB`/`MiB`/`GiB`/`KB`... also accepted, all binary). */
export function parseSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*$/i.exec(text);
  const unit = SIZE_UNITS[(match?.[2] ?? '').toLowerCase()];
  if (match === null || unit === undefined) {
    throw new InvalidArgumentError(`Expected a size in bytes such as 1048576, 512K or 64M, got ${text}.`);
  }
  const value = Math.floor(Number(match[1]) * unit);
  if (!(value >= 1 && Number.isSafeInteger(value))) {
    throw new InvalidArgumentError(`Expected a size of at least 1 byte, got ${text}.`);
  }
  return value;
}

/** Confidence band bounds `G,L,Y,O`: four probabilities, from the green bound down to the orange one. */
export interface BandBounds {
  green: number;
  lime: number;
  yellow: number;
  orange: number;
}

/** Parses `--bands G,L,Y,O`: four probabilities in strictly decreasing order. */
export function parseBands(text: string): BandBounds {
  const parts = text.split(',');
  if (parts.length !== 4) {
    throw new InvalidArgumentError(
      `Expected four probabilities G,L,Y,O (e.g. 0.9,0.7,0.5,0.3), got ${parts.length} value(s).`,
    );
  }
  const [green, lime, yellow, orange] = parts.map(parseProbability) as [number, number, number, number];
  if (!(green > lime && lime > yellow && yellow > orange)) {
    throw new InvalidArgumentError(`Expected decreasing bounds G > L > Y > O, got ${text}.`);
  }
  return { green, lime, yellow, orange };
}

/** A finite number of at least 0 (a sampling temperature: 0 is greedy). */
export function parseNonNegativeNumber(text: string): number {
  const value = toNumber(text);
  if (!(value >= 0 && Number.isFinite(value))) {
    throw new InvalidArgumentError(`Expected a number >= 0, got ${text}.`);
  }
  return value;
}

/** A probability greater than 0 (nucleus sampling's top-p). */
export function parseTopP(text: string): number {
  const value = parseProbability(text);
  if (value === 0) throw new InvalidArgumentError(`Expected a probability in (0, 1], got ${text}.`);
  return value;
}

/** How many alternatives to report per token: an integer >= 0, or `all` for the whole vocabulary. */
export function parseTopLogprobs(text: string): number | 'all' {
  if (text.trim().toLowerCase() === 'all') return 'all';
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InvalidArgumentError(`Expected an integer >= 0 or "all", got ${text}.`);
  }
  return value;
}
