import type { FlatPairs } from '../engine/LlamaInternals.js';
import type { Step } from '../engine/StepSampler.js';

/** The constrained distribution at one position (see `ConstrainedValues` in core). */
export interface ConstrainedPart {
  logprob: number | null;
  topIds: number[];
  topLogprobs: number[];
  /** Raw probability mass of the allowed tokens. */
  allowedMass: number;
  entropy?: number;
}

/** A step of a constrained generation: the raw values, and the constrained ones beside them. */
export interface ConstrainedStep extends Step {
  constrained?: ConstrainedPart;
}

/** Log of the sum of exp(value - shift) over the pairs' values that `keep` accepts (double precision). */
function logSumExp(pairs: FlatPairs, shift: number, keep?: (id: number) => boolean): number {
  let sum = 0;
  for (let i = 0; i < pairs.length; i += 2) {
    if (keep === undefined || keep(pairs[i]!)) sum += Math.exp(pairs[i + 1]! - shift);
  }
  return shift + Math.log(sum);
}

/**
 * The raw values of a position from every logit, sorted highest first (`sampleToken(..., logits:
 * true)` on a greedy sampler): log-softmax in double precision, the top `k` (every token with
 * `all`, and then the exact entropy).
 */
export function readRawStep(token: number, pairs: FlatPairs, k: number, all: boolean): ConstrainedStep {
  if (token < 0) throw new Error('llama.cpp sampled no token: the candidate list was empty');
  const logNorm = logSumExp(pairs, pairs[1] ?? 0);
  const count = all ? pairs.length / 2 : Math.min(k, pairs.length / 2);
  const topIds: number[] = new Array(count);
  const topLogprobs: number[] = new Array(count);
  for (let i = 0; i < count; i++) {
    topIds[i] = pairs[2 * i]!;
    topLogprobs[i] = pairs[2 * i + 1]! - logNorm;
  }
  let logprob: number | null = null;
  let entropy = 0;
  for (let i = 0; i < pairs.length; i += 2) {
    const value = pairs[i + 1]! - logNorm;
    if (pairs[i] === token) logprob = value;
    if (all && value > Number.NEGATIVE_INFINITY) entropy -= Math.exp(value) * value;
  }
  const step: ConstrainedStep = { token, logprob, topIds, topLogprobs };
  if (all) step.entropy = entropy;
  return step;
}

/**
 * A constrained position: the raw values (`readRawStep`) and the constrained distribution, which is
 * the raw one over the allowed tokens, renormalised: `logprob_c = logprob_raw - log(allowedMass)`.
 * Its top lists the `k` most likely allowed tokens (all of them with `all`).
 */
export function readConstrainedStep(
  token: number,
  pairs: FlatPairs,
  allowed: ReadonlySet<number>,
  k: number,
  all: boolean,
): ConstrainedStep {
  const step = readRawStep(token, pairs, k, all);
  const max = pairs[1] ?? 0;
  const logNorm = logSumExp(pairs, max);
  const keep = (id: number) => allowed.has(id);
  const logAllowed = allowed.size === 0 ? Number.NEGATIVE_INFINITY : logSumExp(pairs, max, keep);
  const topIds: number[] = [];
  const topLogprobs: number[] = [];
  let logprob: number | null = null;
  let entropy = 0;
  for (let i = 0; i < pairs.length; i += 2) {
    const id = pairs[i]!;
    if (!allowed.has(id)) continue;
    const value = pairs[i + 1]! - logAllowed;
    if (id === token) logprob = value;
    if (all || topIds.length < k) {
      topIds.push(id);
      topLogprobs.push(value);
    }
    if (all && value > Number.NEGATIVE_INFINITY) entropy -= Math.exp(value) * value;
  }
  const part: ConstrainedPart = {
    logprob,
    topIds,
    topLogprobs,
    allowedMass: Math.min(1, Math.exp(logAllowed - logNorm)),
  };
  if (all) part.entropy = entropy;
  step.constrained = part;
  return step;
}
