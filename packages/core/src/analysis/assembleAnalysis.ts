import { analyzeConstraint } from '../constraint/analyzeConstraint.js';
import type { Completion } from '../model/Completion.js';
import type { Analysis, TokenAnalysis } from './Analysis.js';
import { endingOf } from './endingOf.js';
import { findCriticalFacts } from './findCriticalFacts.js';
import { findLowConfidenceSpans } from './findLowConfidenceSpans.js';
import { segmentSentences } from './segmentSentences.js';
import { segmentWords } from './segmentWords.js';
import { summarize } from './summarize.js';
import type { Thresholds } from './Thresholds.js';

/** Where an analysed completion came from, less what the completion itself says. */
export type AnalysisSourceBase = Omit<Analysis['source'], 'index' | 'distribution' | 'topK' | 'finishReason'>;

/**
 * Builds a completion's `Analysis` from its per-token analyses (one per `completion.tokens`, made with
 * `thresholds`): the text, summary (control tokens counted with `countControlTokens`), words,
 * sentences, facts and spans, how it ended, and the constraint analysis when the completion was
 * constrained.
 */
export function assembleAnalysis(
  completion: Completion,
  source: AnalysisSourceBase,
  tokens: TokenAnalysis[],
  thresholds: Thresholds,
  options: { countControlTokens?: boolean } = {},
): Analysis {
  // Control tokens carry text '' (`Token.control`): the text, and so words, sentences and facts, leave them out.
  const text = completion.tokens.map((t) => t.text).join('');
  const words = segmentWords(text, tokens);
  const facts = findCriticalFacts(text, tokens);
  const analysisSource: Analysis['source'] = {
    ...source,
    index: completion.index,
    distribution: completion.distribution,
    topK: completion.topK,
  };
  if (completion.finishReason !== undefined) analysisSource.finishReason = completion.finishReason;
  const analysis: Analysis = {
    text,
    tokens,
    summary: summarize(tokens, options.countControlTokens === true),
    words,
    sentences: segmentSentences(text, tokens),
    spans: findLowConfidenceSpans(text, tokens, words, facts),
    facts,
    thresholds,
    source: analysisSource,
    ending: endingOf(completion),
  };
  const constraint = analyzeConstraint(completion);
  if (constraint) analysis.constraint = constraint;
  return analysis;
}
