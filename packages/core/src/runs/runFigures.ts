/**
 * What the run store keeps of a run's analysis besides its summary, so that the database can
 * aggregate many runs without reading their responses: each sentence's mean logprob and whether it
 * holds a low-confidence critical fact (core's `gate` decides both), and the low-confidence facts.
 *
 * With `gateMinMean` (the lowest sentence mean; -Infinity when a sentence has no known logprob) and
 * `gateMinFactMean` (the lowest mean of a sentence with a low-confidence fact), core's gate verdict
 * at any thresholds is one comparison (`verdictAt`): a sentence needs review below `review`, or at
 * or below `publish` when it holds such a fact; the answer needs review when any sentence does.
 */

import type { FactKind } from '../analysis/Analysis.js';
import { analyze } from '../analysis/analyze.js';
import { type GateVerdict, gate } from '../gating/gate.js';
import type { LogprobResponse } from '../model/Completion.js';
import type { GateThresholds } from './Dataset.js';
import type { RunSummary } from './Run.js';
import { emptySummary, summaryOfAnalysis } from './summarizeRun.js';

export interface RunFigures {
  summary: RunSummary;
  sentences: Array<{ meanLogprob: number | null; lowFact: boolean }>;
  lowConfidenceFacts: Array<{ kind: FactKind; text: string; minProb: number | null }>;
  /** Null without sentences. */
  gateMinMean: number | null;
  /** Null when no sentence holds a low-confidence critical fact. */
  gateMinFactMean: number | null;
}

/** The figures of completion 0 of `response` (analysis at core's default thresholds). */
export function runFigures(response: LogprobResponse): RunFigures {
  if (response.completions.length === 0) {
    return {
      summary: emptySummary(),
      sentences: [],
      lowConfidenceFacts: [],
      gateMinMean: null,
      gateMinFactMean: null,
    };
  }
  const analysis = analyze(response);
  const gated = gate(analysis);
  const sentences = gated.sentences.map((s) => ({
    meanLogprob: s.meanLogprob,
    lowFact: s.lowConfidenceFacts.length > 0,
  }));
  const facts = new Set(gated.sentences.flatMap((s) => s.lowConfidenceFacts));
  let gateMinMean: number | null = null;
  let gateMinFactMean: number | null = null;
  for (const s of sentences) {
    const mean = s.meanLogprob ?? Number.NEGATIVE_INFINITY;
    if (gateMinMean === null || mean < gateMinMean) gateMinMean = mean;
    if (s.lowFact && (gateMinFactMean === null || mean < gateMinFactMean)) gateMinFactMean = mean;
  }
  return {
    summary: summaryOfAnalysis(analysis),
    sentences,
    lowConfidenceFacts: analysis.facts
      .filter((f) => facts.has(f))
      .map((f) => ({ kind: f.kind, text: f.text, minProb: f.minProb })),
    gateMinMean,
    gateMinFactMean,
  };
}

/** Core's gate verdict on the answer at `thresholds`, from its two figures. */
export function verdictAt(
  figures: Pick<RunFigures, 'gateMinMean' | 'gateMinFactMean'>,
  thresholds: GateThresholds,
): GateVerdict {
  const { gateMinMean, gateMinFactMean } = figures;
  if (gateMinMean !== null && gateMinMean < thresholds.review) return 'review';
  if (gateMinFactMean !== null && gateMinFactMean <= thresholds.publish) return 'review';
  return 'publish';
}
