import { InvalidValueError } from '../errors/InvalidValueError.js';
import { type NormalizedLogprob, normalizeLogprob, probabilityToLogprob } from '../math/normalizeLogprob.js';
import type { Token, TopAlternative } from '../model/Token.js';
import { describeValue } from './describeValue.js';
import { implausibleLogprobs } from './implausibleLogprobs.js';
import { reportImplausible } from './lenientValues.js';

/** One alternative as a parser read it, before normalisation. */
export interface RawAlternative {
  text: string;
  /** The provider's logprob (or probability, with `probability: true`). */
  value: unknown;
  bytes?: unknown;
  id?: number;
}

/** One token as a parser read it, before normalisation. */
export interface RawToken extends RawAlternative {
  top?: readonly RawAlternative[];
  special?: boolean;
  /** Exact entropy in nats when the source had the whole distribution. */
  entropy?: number;
}

/** How the values are expressed. */
export interface BuildOptions {
  /** Values are probabilities in 0..1 (llama.cpp `post_sampling_probs`) instead of logprobs. */
  probability?: boolean;
}

/**
 * Normalises one token: logprob sentinels become null (raw kept), values are checked (NaN, positive
 * logprobs and out-of-range probabilities throw `InvalidValueError` naming `path`), bytes are checked,
 * alternatives are sorted highest first. Values no distribution can have (`implausibleLogprobs`:
 * alternatives summing above 1, a logprob that disagrees with its own top-k entry) throw an
 * `InvalidValueError` at `path.top_logprobs` / `path.logprob`, or are recorded in a lenient parse.
 * The token's `text` is the provider's; run `mergeSplitCharacters` over the finished list to merge
 * split UTF-8 characters.
 */
export function buildToken(raw: RawToken, path: string, options: BuildOptions = {}): Token {
  const value = normalize(raw.value, `${path}.logprob`, options);
  const bytes = checkBytes(raw.bytes, `${path}.bytes`);
  const token: Token = { text: raw.text, bytes, logprob: value.logprob, top: [] };
  if ('raw' in value) token.raw = value.raw ?? null;
  if (raw.id !== undefined) token.id = raw.id;
  if (raw.special !== undefined) token.special = raw.special;
  if (raw.entropy !== undefined) token.entropy = raw.entropy;
  token.top = (raw.top ?? []).map((alt, i) => buildAlternative(alt, `${path}.top_logprobs[${i}]`, options));
  token.top.sort(byLogprobDesc);
  const implausible = implausibleLogprobs(token);
  if (implausible) reportImplausible(`${path}.${implausible.field}`, implausible);
  return token;
}

/** Normalises one alternative (see `buildToken`). */
export function buildAlternative(
  raw: RawAlternative,
  path: string,
  options: BuildOptions = {},
): TopAlternative {
  const value = normalize(raw.value, `${path}.logprob`, options);
  const bytes = checkBytes(raw.bytes, `${path}.bytes`);
  const alt: TopAlternative = { text: raw.text, bytes, logprob: value.logprob };
  if (raw.id !== undefined) alt.id = raw.id;
  if ('raw' in value) alt.raw = value.raw ?? null;
  return alt;
}

/** Sorts alternatives by logprob, highest first; sentinels (null) last. */
export function byLogprobDesc(a: { logprob: number | null }, b: { logprob: number | null }): number {
  return (b.logprob ?? Number.NEGATIVE_INFINITY) - (a.logprob ?? Number.NEGATIVE_INFINITY) || 0;
}

function normalize(value: unknown, path: string, options: BuildOptions): NormalizedLogprob {
  const result = options.probability ? probabilityToLogprob(value) : normalizeLogprob(value);
  if (typeof result === 'string') throw new InvalidValueError(path, result);
  return result;
}

function checkBytes(bytes: unknown, path: string): number[] | null {
  if (bytes === undefined || bytes === null) return null;
  if (!Array.isArray(bytes)) throw new InvalidValueError(path, 'expected an array of byte values');
  for (const b of bytes) {
    if (typeof b !== 'number' || !Number.isInteger(b) || b < 0 || b > 255) {
      throw new InvalidValueError(
        path,
        `expected byte values 0..255, got ${typeof b === 'number' ? String(b) : describeValue(b)}`,
      );
    }
  }
  return bytes as number[];
}
