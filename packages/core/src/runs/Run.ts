import type { ConsistencyAnalysis } from '../consistency/ConsistencyAnalysis.js';
import type { GateVerdict } from '../gating/gate.js';
import type { LogprobResponse, TopAlternative } from '../model/index.js';
import type { GenerateConstraint } from './ToolsApi.js';

/**
 * A run: one prompt sent to one model with its parameters, the whole response with logprobs, and a
 * summary of its analysis. The run store (`@tokenscope/store`) keeps them; the app and the proxy make
 * them. Types only here (pure), so the browser, the server and the store share one definition.
 */

export type RunRole = 'system' | 'user' | 'assistant' | 'developer';

/** What was sent: raw text (completions) or chat messages. */
export type RunPrompt =
  | { kind: 'text'; text: string }
  | { kind: 'chat'; messages: Array<{ role: RunRole; content: string }> };

/** Generation parameters as the user set them (absent = the model's / API's default). */
export interface RunParams {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  /** Alternatives per token; `'all'` = the whole vocabulary (local models). */
  topLogprobs?: number | 'all';
  seed?: number;
  stop?: string[];
  /** Local models: which distribution the values describe (default `raw`). */
  distribution?: 'raw' | 'processed';
}

/** Where a run came from. */
export type RunSource = 'local' | 'remote' | 'import' | 'proxy' | 'branch';

/** Where a branch leaves its parent: the parent's tokens before `position` are kept, then `token`. */
export interface RunBranch {
  parentId: string;
  /** Index of the parent's token that was replaced. */
  position: number;
  /** The alternative chosen at `position` (as listed in the parent's top-k). */
  token: TopAlternative;
}

/** Confidence summary of a run's first completion (what lists and comparisons show). */
export interface RunSummary {
  tokens: number;
  sumLogprob: number;
  meanLogprob: number;
  perplexity: number;
  minProb: number | null;
  flaggedTokens: number;
  lowConfidenceSpans: number;
  criticalFacts: number;
  /** Critical facts with a flagged token. */
  flaggedFacts: number;
  /** Share of tokens per band, 0..1, in BANDS order (green..red). */
  bandShares: [number, number, number, number, number];
  /**
   * Sampling agreement of the answer, 0..1 (`consistency.agreement`), when the run has a consistency
   * result. It measures how stable the answer is across samples, not whether it is true.
   */
  agreement?: number;
}

/** A run to save. */
export interface NewRun {
  /** Default: the prompt's first line (or the import's file name), shortened. */
  title?: string;
  tags?: string[];
  source: RunSource;
  /** Model id (local file id, or the remote model name). */
  model: string;
  /** Base URL of a remote endpoint or upstream (never with a key). */
  endpoint?: string;
  /** Provider adapter id for remote runs (`openai-chat`, ...). */
  provider?: string;
  /** What was sent; null for an import that carries no prompt. */
  prompt: RunPrompt | null;
  params: RunParams;
  /** The whole response in the core data model (all completions, every token with its top-k). */
  response: LogprobResponse;
  /** Local models: the prompt text actually evaluated (after the chat template). */
  promptText?: string;
  /** Local models: the evaluated prompt's token ids (to explore and branch from any position). */
  promptTokenIds?: number[];
  branch?: RunBranch;
  /** Name of the imported file, for imports. */
  fileName?: string;
  /**
   * Local models: the restriction the output was generated under (choices, JSON schema, grammar), as
   * requested; a branch of the run continues under it. The completion's `constraint` describes it.
   */
  constraint?: GenerateConstraint;
  /** The dataset the run belongs to (`tokenscope batch --dataset`, `serve --record`); 1-200 characters. */
  dataset?: string;
  /** The prompt's version (e.g. `v3`), to compare versions of a prompt on a dataset; 1-200 characters. */
  promptVersion?: string;
  /** The answer the dataset expected (batch rows' `expected`): an exact match is a correctness label. */
  expected?: string;
  /**
   * Sampling-based confidence (`--confidence consistency|both`, or the fallback where the endpoint
   * refuses or ignores logprobs): N answers to the same request compared. A run made from samples
   * only has one completion per sample in `response`, each with `tokens: []`, `topK: 0` and
   * `distribution: 'unknown'`: its verdict comes from `gateConsistency`, not from the (empty) tokens.
   */
  consistency?: ConsistencyAnalysis;
}

/** A saved run. */
export interface RunRecord extends Omit<NewRun, 'title' | 'tags'> {
  id: string;
  title: string;
  tags: string[];
  /** ISO 8601 times. */
  createdAt: string;
  updatedAt: string;
  summary: RunSummary;
}

/** A run as lists show it (no response body). */
export interface RunListItem {
  id: string;
  title: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  source: RunSource;
  model: string;
  endpoint?: string;
  summary: RunSummary;
  /** First 200 characters of the prompt (last user message for chat) and of the answer. */
  promptPreview: string;
  answerPreview: string;
  /** Parent run and position, for branches (`token`: the text of the alternative chosen there). */
  branch?: { parentId: string; position: number; token?: string };
  dataset?: string;
  promptVersion?: string;
  /** The gate's verdict on the answer at the store's default thresholds (the dataset's saved ones, else core's). */
  verdict: GateVerdict;
}

/** A page of runs. */
export interface RunList {
  runs: RunListItem[];
  /** Runs matching the query in all (for paging). */
  total: number;
}

/** What `list` filters by. */
export interface RunQuery {
  /** Full-text search over title, prompt, answer, model and tags. */
  search?: string;
  tag?: string;
  source?: RunSource;
  model?: string;
  dataset?: string;
  promptVersion?: string;
  /** The gate's verdict at the dataset's saved thresholds (else core's defaults). */
  verdict?: GateVerdict;
  /** ISO 8601 dates or times: runs created at or after `since`, before `until`. */
  since?: string;
  until?: string;
  /** Default 50, at most 500. */
  limit?: number;
  offset?: number;
}

/** What `update` may change. */
export interface RunPatch {
  title?: string;
  tags?: string[];
}
