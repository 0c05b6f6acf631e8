import type { TopAlternative } from '@tokenscope/core';

/** One alternative after the what-if: its original and reshaped probability, and whether it survives top-p. */
export interface WhatIfRow {
  alternative: TopAlternative;
  /** exp(logprob) as given (null for a sentinel). */
  original: number | null;
  /** Probability after temperature, renormalised over the known alternatives (0 for a sentinel). */
  tempered: number;
  /** True when the token is in the nucleus (the smallest top set reaching top-p). */
  inNucleus: boolean;
  /** Probability the sampler would use: tempered, renormalised over the nucleus; 0 outside it. */
  final: number;
}

export interface WhatIfResult {
  rows: WhatIfRow[];
  /** How many alternatives survive top-p. */
  nucleusSize: number;
  /** The mass the known alternatives had before reshaping (what the renormalisation spreads over). */
  knownMass: number;
}

/**
 * Reshapes a next-token distribution client-side: p_i ∝ exp(logprob_i / T), renormalised over the
 * KNOWN alternatives (the unlisted tail is ignored: the result is exact only for a whole distribution),
 * then top-p keeps the most likely tokens until their tempered mass reaches `topP` (the token that
 * crosses it is kept, ties broken by order; at top-p 1 every known token survives) and renormalises over
 * them. T = 0 is greedy (all mass on
 * the most likely token). Alternatives with a null logprob keep 0. Rows come back in the input order.
 */
export function whatIf(
  alternatives: readonly TopAlternative[],
  temperature: number,
  topP: number,
): WhatIfResult {
  const T = Number.isFinite(temperature) ? Math.max(0, temperature) : 1;
  const P = Number.isFinite(topP) ? Math.max(0, Math.min(1, topP)) : 1;
  const known = alternatives
    .map((a, i) => ({ i, lp: a.logprob }))
    .filter((x): x is { i: number; lp: number } => x.lp !== null && Number.isFinite(x.lp));
  const tempered = new Array<number>(alternatives.length).fill(0);
  let knownMass = 0;
  for (const k of known) knownMass += Math.exp(k.lp);
  if (known.length > 0) {
    let max = Number.NEGATIVE_INFINITY;
    if (T > 0) for (const k of known) max = Math.max(max, k.lp / T);
    // T = 0, or a T so small that logprob / T overflows: greedy.
    if (!Number.isFinite(max)) {
      let best = known[0]!;
      for (const k of known) if (k.lp > best.lp) best = k;
      tempered[best.i] = 1;
    } else {
      let sum = 0;
      for (const k of known) sum += Math.exp(k.lp / T - max);
      for (const k of known) tempered[k.i] = Math.exp(k.lp / T - max) / sum;
    }
  }
  const order = known.map((k) => k.i).sort((a, b) => tempered[b]! - tempered[a]! || a - b);
  const nucleus = new Set<number>();
  let cumulative = 0;
  // At top-p 1 the sampler keeps everything; rounding in the running total must not drop the tail.
  const keepAll = P >= 1;
  for (const i of order) {
    if (!keepAll && nucleus.size > 0 && cumulative >= P - 1e-12) break;
    nucleus.add(i);
    cumulative += tempered[i]!;
  }
  const rows = alternatives.map((alternative, i) => {
    const lp = alternative.logprob;
    const inNucleus = nucleus.has(i);
    return {
      alternative,
      original: lp === null ? null : Math.exp(lp),
      tempered: tempered[i]!,
      inNucleus,
      final: inNucleus && cumulative > 0 ? tempered[i]! / cumulative : 0,
    };
  });
  return { rows, nucleusSize: nucleus.size, knownMass };
}

/** Index of `chosen` among `alternatives`: by vocabulary id when both have one, else by text; -1 when absent. */
export function findChosen(
  alternatives: readonly TopAlternative[],
  chosen: { text: string; id?: number; rawText?: string },
): number {
  if (chosen.id !== undefined) {
    const byId = alternatives.findIndex((a) => a.id === chosen.id);
    if (byId >= 0) return byId;
  }
  return alternatives.findIndex(
    (a) => a.text === chosen.text || (chosen.rawText !== undefined && a.text === chosen.rawText),
  );
}

/** The long tail after the first `shown` alternatives: how many more are listed, their mass, and the unlisted mass. */
export function tailSummary(
  alternatives: readonly TopAlternative[],
  shown: number,
  coveredMass: number,
): { listed: number; listedMass: number; unlistedMass: number } {
  let listedMass = 0;
  const rest = alternatives.slice(shown);
  for (const a of rest) if (a.logprob !== null) listedMass += Math.exp(a.logprob);
  return { listed: rest.length, listedMass, unlistedMass: Math.max(0, 1 - coveredMass) };
}
