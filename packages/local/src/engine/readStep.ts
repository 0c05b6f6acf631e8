import type { FlatPairs, SampleResult } from './LlamaInternals.js';
import type { Step } from './StepSampler.js';

/** Where the maximum logit comes from when no sorted top part gives it. */
export const selectedIsMax = 'selected';
export const firstIsMax = 'first';
export type MaxSource = typeof selectedIsMax | typeof firstIsMax | SampleResult;

/**
 * Turns a filtered `sampleToken` result into a step. Layout (from the addon): first up to
 * `includeTop` entries sorted by logit, then the filter's entry for the selected or given token
 * (absent when the token is not a candidate); without `includeTop`, the filter entries sorted.
 * The maximum logit is the first top entry, or (`max`) the selected token's under greedy, the first
 * entry when a greedy view added its argmax, or a separate top-k view's first entry.
 */
export function finish(
  token: number,
  pairs: FlatPairs | undefined,
  totalLogitWeight: number | undefined,
  includeTop: number,
  k: number,
  max?: MaxSource,
): Step {
  if (token < 0) throw new Error('llama.cpp sampled no token: the candidate list was empty');
  const entries = pairs ?? [];
  let selectedLogit = Number.NaN;
  for (let i = entries.length - 2; i >= 0; i -= 2) {
    if (entries[i] === token) {
      selectedLogit = entries[i + 1]!;
      break;
    }
  }
  let topSource = entries;
  let topAvailable = includeTop > 0 ? entries.length / 2 - (Number.isNaN(selectedLogit) ? 0 : 1) : 0;
  let maxLogit = entries[1] ?? Number.NaN;
  if (max === selectedIsMax) maxLogit = selectedLogit;
  else if (Array.isArray(max)) {
    topSource = max[3] ?? [];
    topAvailable = topSource.length / 2;
    maxLogit = topSource[1] ?? Number.NaN;
  }
  const offset = maxLogit + Math.log(totalLogitWeight ?? Number.NaN);
  const count = Math.max(0, Math.min(k, topAvailable));
  const topIds: number[] = new Array(count);
  const topLogprobs: number[] = new Array(count);
  for (let i = 0; i < count; i++) {
    topIds[i] = topSource[2 * i]!;
    topLogprobs[i] = topSource[2 * i + 1]! - offset;
  }
  const logprob = Number.isNaN(selectedLogit) ? null : selectedLogit - offset;
  return { token, logprob, topIds, topLogprobs };
}

/** Reads `logits: true` pairs (every candidate, sorted): log-softmax and entropy in double precision. */
export function readAllPairs(token: number, pairs: FlatPairs): Step {
  if (token < 0) throw new Error('llama.cpp sampled no token: the candidate list was empty');
  const count = pairs.length / 2;
  const maxLogit = pairs[1] ?? 0;
  let sum = 0;
  for (let i = 1; i < pairs.length; i += 2) sum += Math.exp(pairs[i]! - maxLogit);
  const logNorm = maxLogit + Math.log(sum);
  const topIds: number[] = new Array(count);
  const topLogprobs: number[] = new Array(count);
  let entropy = 0;
  let logprob: number | null = null;
  for (let i = 0; i < count; i++) {
    const id = pairs[2 * i]!;
    const value = pairs[2 * i + 1]! - logNorm;
    topIds[i] = id;
    topLogprobs[i] = value;
    if (value > Number.NEGATIVE_INFINITY) entropy -= Math.exp(value) * value;
    if (id === token) logprob = value;
  }
  return { token, logprob, topIds, topLogprobs, entropy };
}
