/**
 * The entry point: turns a parsed response (or one completion) into the `Analysis` every renderer
 * takes. Token offsets are running sums of `token.text` lengths, so the text is the tokens'
 * concatenation (which `Completion.text` equals). Units: logprobs natural-log, probabilities 0..1,
 * surprisal and entropy in bits.
 */

import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { isLogprobResponse } from '../formats/isLogprobResponse.js';
import { parseResponse, type ResponseInput } from '../formats/parseResponse.js';
import type { Completion, LogprobResponse } from '../model/Completion.js';
import type { Analysis, TokenAnalysis } from './Analysis.js';
import { analyzeToken } from './analyzeToken.js';
import { type AnalysisSourceBase, assembleAnalysis } from './assembleAnalysis.js';
import { resolveThresholds, type ThresholdOverrides } from './resolveThresholds.js';

export interface AnalyzeOptions {
  /** Which choice / candidate to analyse (default 0). */
  choice?: number;
  thresholds?: ThresholdOverrides;
  /**
   * Count control tokens (end of turn, ...: `Token.control`) in the summary's scores (perplexity,
   * mean logprob, token count). Default false: they are not part of the answer's text.
   */
  countControlTokens?: boolean;
}

/**
 * Analyses one choice of a response: one `parseResponse` returned, or anything it takes (an SDK's
 * result object, JSON text, saved stream chunks), parsed with its defaults. Throws `InvalidOptionError`
 * for a choice that does not exist, and `parseResponse`'s errors for input it cannot read.
 */
export function analyze(input: LogprobResponse | ResponseInput, options: AnalyzeOptions = {}): Analysis {
  const response = isLogprobResponse(input) ? input : parseResponse(input);
  const thresholds = resolveThresholds(options.thresholds);
  const choice = options.choice ?? 0;
  const count = response.completions.length;
  if (!Number.isInteger(choice) || choice < 0 || choice >= count) {
    const range =
      count === 0 ? 'it has none' : count === 1 ? 'only choice 0 exists' : `choices are 0..${count - 1}`;
    throw new InvalidOptionError(
      'choice',
      `choice ${choice} does not exist: the response has ${count} choice${count === 1 ? '' : 's'} (${range})`,
    );
  }
  const source: Parameters<typeof analyzeCompletion>[1] = { format: response.format };
  if (response.model !== undefined) source.model = response.model;
  if (response.id !== undefined) source.id = response.id;
  const analysis = analyzeCompletion(response.completions[choice]!, source, thresholds, {
    countControlTokens: options.countControlTokens === true,
  });
  if (response.warnings && response.warnings.length > 0) analysis.warnings = [...response.warnings];
  return analysis;
}

/** Analyses one completion; `source` names where it came from. */
export function analyzeCompletion(
  completion: Completion,
  source: AnalysisSourceBase,
  thresholds?: ThresholdOverrides,
  options: Pick<AnalyzeOptions, 'countControlTokens'> = {},
): Analysis {
  const resolved = resolveThresholds(thresholds);
  const tokens: TokenAnalysis[] = new Array(completion.tokens.length);
  let offset = 0;
  for (let i = 0; i < completion.tokens.length; i++) {
    const token = completion.tokens[i]!;
    tokens[i] = analyzeToken(token, i, offset, resolved, completion.vocabSize);
    offset += token.text.length;
  }
  return assembleAnalysis(completion, source, tokens, resolved, options);
}
