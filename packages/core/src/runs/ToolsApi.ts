import type { Classification } from '../classify/Classification.js';
import type { LogprobResponse } from '../model/index.js';
import type { RerankResult } from '../rerank/rerank.js';
import type { ScoreSummary } from '../scoring/scoreSummary.js';
import type { RunTarget } from './AppApi.js';
import type { RunRecord } from './Run.js';

/**
 * The app's tool routes (part of the `/api` in `AppApi.ts`): classify, rerank and score on a local model
 * (exact) or a remote endpoint (where its API allows). JSON in, JSON out; errors are `AppErrorBody`.
 * Remote keys are used for the request only, never stored or logged.
 *
 *   POST /api/classify ClassifyBody -> ClassifyResponse
 *   POST /api/rerank   RerankBody   -> RerankResponse
 *   POST /api/score    ScoreBody    -> ScoreResponse
 */

/**
 * A constraint on a local generation (`GenerateBody.constraint`): the output is exactly one of the
 * choices, JSON matching the schema, or text a GBNF grammar accepts (root rule `root`).
 */
export type GenerateConstraint =
  | { kind: 'choices'; choices: string[] }
  | { kind: 'json-schema'; schema: Record<string, unknown> }
  | { kind: 'grammar'; gbnf: string };

/** `POST /api/classify`: the probability of each label as the continuation of the prompt. */
export interface ClassifyBody {
  target: RunTarget;
  text: string;
  /** At least two distinct, non-blank labels. */
  labels: string[];
  /** Prompt with `{text}` (and optionally `{labels}`); default core's `DEFAULT_CLASSIFY_TEMPLATE`. */
  template?: string;
  /** Abstain when the top two labels differ by less (0..1); default 0.2. */
  minMargin?: number;
  /** Remote only: first-token alternatives to read labels from (1..20, default 20). */
  topLogprobs?: number;
  /**
   * `consistency`: answer the prompt `samples` times without logprobs and take each label's share of
   * the answers (`method: 'sampling'`). `logprobs` (default) falls back to it where a remote endpoint
   * refuses or ignores logprobs (`fallback` in the answer says so).
   */
  confidence?: 'logprobs' | 'consistency';
  /** Answers compared for sampling consistency: 2..50 (default 5). */
  samples?: number;
}

/**
 * The classification: local models `method: 'exact'` (every label scored after one shared prefix),
 * remote endpoints `method: 'first-token'` (from the first token's top-k, with the unaccounted mass).
 */
export interface ClassifyResponse {
  model: string;
  /** The prompt the labels were scored after. */
  prompt: string;
  classification: Classification;
  /** The endpoint refused or ignored logprobs (its message): the classification is sampling-based. */
  fallback?: string;
}

/** `POST /api/rerank`: each candidate's logprob given the prompt. */
export interface RerankBody {
  target: RunTarget;
  prompt: string;
  /** Distinct, non-empty candidates (1..100); each is scored after a space. */
  candidates: string[];
  /** Length-normalisation exponent 0..2 (default 0.6). */
  alpha?: number;
}

/** Core's `RerankResult` with the model and prompt. Remote: legacy `/completions` with `echo`. */
export interface RerankResponse extends RerankResult {
  model: string;
  prompt: string;
}

/** `POST /api/score`: every token of text the model did not write. */
export interface ScoreBody {
  target: RunTarget;
  text: string;
  /** Alternatives per token (0..20, default 5); a token outside them has no rank. */
  topLogprobs?: number;
  /**
   * Also save the scored text as a run (default false). It is saved with the target's source (`local`
   * or `remote`), `prompt: null` (nothing was asked: the text is the answer), the tag `scored` and a
   * title `Scored: <text>`; a local one keeps the BOS token as its prompt ids, so it can be branched.
   */
  save?: boolean;
}

/** What scoring found: the tokens as a response (the X-ray shows it), and the headline numbers. */
export interface ScoreResponse extends ScoreSummary {
  model: string;
  /** One completion whose tokens are the scored text (its first token may have no logprob). */
  response: LogprobResponse;
  topLogprobs: number;
  /** The saved run, when `save` was asked. */
  run?: RunRecord;
}
