/**
 * The confidence summary a run is listed and compared by: core's `analyze` of completion 0, reduced
 * to counts. A response with no completions (or an empty answer) gives zeros, perplexity 1 and
 * `minProb: null`, never NaN, so the summary always survives JSON.
 */
import type { Analysis } from '../analysis/Analysis.js';
import { analyze } from '../analysis/analyze.js';
import type { ThresholdOverrides } from '../analysis/resolveThresholds.js';
import { BANDS } from '../analysis/Thresholds.js';
import type { LogprobResponse } from '../model/Completion.js';
import type { RunSummary } from './Run.js';

/** Summarises completion 0 of `response` (thresholds: the seed's unless overridden). */
export function summarizeRun(response: LogprobResponse, thresholds?: ThresholdOverrides): RunSummary {
  if (response.completions.length === 0) return emptySummary();
  const options = thresholds === undefined ? {} : { thresholds };
  return summaryOfAnalysis(analyze(response, options));
}

/** The summary of an analysis already made. */
export function summaryOfAnalysis(analysis: Analysis): RunSummary {
  const s = analysis.summary;
  const shares = BANDS.map((band) => (s.tokens > 0 ? s.bandCounts[band] / s.tokens : 0));
  return {
    tokens: s.tokens,
    sumLogprob: s.sumLogprob,
    meanLogprob: s.meanLogprob,
    perplexity: s.perplexity,
    minProb: s.minProb,
    flaggedTokens: s.flaggedTokens,
    lowConfidenceSpans: analysis.spans.length,
    criticalFacts: analysis.facts.length,
    flaggedFacts: analysis.facts.filter((f) => f.flagged).length,
    bandShares: [shares[0]!, shares[1]!, shares[2]!, shares[3]!, shares[4]!],
  };
}

/** The summary of a response without completions. */
export function emptySummary(): RunSummary {
  return {
    tokens: 0,
    sumLogprob: 0,
    meanLogprob: 0,
    perplexity: 1,
    minProb: null,
    flaggedTokens: 0,
    lowConfidenceSpans: 0,
    criticalFacts: 0,
    flaggedFacts: 0,
    bandShares: [0, 0, 0, 0, 0],
  };
}
