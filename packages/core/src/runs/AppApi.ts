import type { ConfidenceSignal } from '../consistency/ConsistencyAnalysis.js';
import type { Token, TopAlternative } from '../model/index.js';
import type { RunParams, RunPrompt, RunRecord } from './Run.js';
import type { GenerateConstraint } from './ToolsApi.js';

/**
 * The web app's HTTP API (`/api/...`, served by `tokenscope serve` beside `/v1`). Types only; the
 * server implements them, the browser calls them. JSON bodies; errors are `AppErrorBody` with a 4xx/5xx.
 *
 *   GET    /api/status                         -> AppStatus
 *   GET    /api/runs?search=&tag=&source=&model=&dataset=&promptVersion=&verdict=&since=&until=&limit=&offset=
 *          -> RunList (`verdict`: publish | review at the dataset's saved thresholds, else core's;
 *          `since` / `until`: ISO 8601, created at or after `since` and before `until`)
 *   GET    /api/runs/:id                       -> RunRecord
 *   PATCH  /api/runs/:id        RunPatch       -> RunRecord
 *   DELETE /api/runs/:id                       -> { deleted: id }
 *   GET    /api/runs/:id/tree                  -> RunListItem[] (the whole branch tree the run is in)
 *   GET    /api/runs/:id/export?format=html|md|json -> the file (Content-Disposition: attachment)
 *   GET    /api/tags                           -> Array<{ tag: string; count: number }>
 *   POST   /api/import?name=FILE&from=FORMAT   body: the saved response, as text -> RunRecord
 *   POST   /api/generate        GenerateBody   -> text/event-stream of RunStreamEvent
 *          (`confidence: consistency|both`, or an endpoint that refuses logprobs: `sampling` and `sample`
 *          events, then `done` with a run that has `consistency`)
 *   POST   /api/runs/:id/branch BranchBody     -> text/event-stream of RunStreamEvent
 *   POST   /api/runs/:id/distribution DistributionBody -> NextTokenDistribution
 *   GET    /api/runs/:id/reviews               -> RunReviews (latest decision per sentence + history; Review.ts)
 *   POST   /api/runs/:id/reviews ReviewDecision -> RunReview (201; approve / reject / edit one sentence)
 *   GET    /api/review-queue?limit=&publish=&review=&dataset= -> ReviewQueue: sentences that core's `gate` sends to
 *          review (default thresholds: the dataset's saved ones with `dataset`, else -0.5 / -1.5) and that have no decision yet. Each request reads and
 *          analyses the newest `limit` runs (default 50, at most 200), so the queue covers those only.
 *   GET    /api/datasets                       -> DatasetListItem[] (datasets with runs, most recent first; Dataset.ts)
 *   GET    /api/facets?dataset=                -> { models: string[]; promptVersions: string[] } (of the dataset, else of all runs)
 *   GET    /api/datasets/summary?dataset=&groupBy=none|model|promptVersion|tag|day&model=&promptVersion=&tag=
 *          &verdict=&since=&until=&search=&source=&publish=&review=&bins=&facts= -> DatasetSummary: the runs
 *          matching the filters aggregated by the database, per group (`publish` and `review` together try
 *          other gate thresholds; default: the dataset's saved ones, else core's; `bins` 1..200, `facts` 0..100)
 *   GET    /api/datasets/:name/settings        -> DatasetSettings (thresholds null when never saved)
 *   PUT    /api/datasets/:name/settings { thresholds: GateThresholds | null; note?: string } -> DatasetSettings
 *          (the thresholds `gate`, `batch`, the review queue and the summary use for the dataset; null clears them)
 *   POST   /api/classify ClassifyBody -> ClassifyResponse (ToolsApi.ts)
 *   POST   /api/rerank   RerankBody   -> RerankResponse (ToolsApi.ts)
 *   POST   /api/score    ScoreBody    -> ScoreResponse (ToolsApi.ts)
 *
 * Mutating requests must send `Content-Type: application/json` (imports: `text/plain` is refused, use
 * `application/octet-stream` or `application/json`), and a request whose `Origin` is not the server's
 * own is refused (403): other web pages cannot drive a local server. When the server has an API key,
 * `/api` needs `Authorization: Bearer <key>` like `/v1`.
 */

/** Which model a generation runs on. The remote key is used for this request only, never stored or logged. */
export type RunTarget =
  | { kind: 'local'; model: string }
  | { kind: 'remote'; baseURL: string; model: string; apiKey?: string; provider?: string };

/** A local GGUF model the server found. */
export interface LocalModelEntry {
  id: string;
  path: string;
  /** Known once the model has been loaded. */
  vocabSize?: number;
  contextSize?: number;
  /** Known once the model has been loaded: false when the GGUF has no chat template (chat then uses a fallback). */
  hasChatTemplate?: boolean;
}

/** `GET /api/status`. */
export interface AppStatus {
  version: string;
  models: LocalModelEntry[];
  /** The model the app selects first, or null when none was found. */
  defaultModel: string | null;
  /** How the default model was found ("--model flag", "$TOKENSCOPE_MODEL", "../shared/models", ...). */
  defaultModelSource?: string;
  /** With no model: what to do to get one (shown in the app's empty state). */
  modelHelp?: string;
  /** Where runs are saved: the SQLite file, or the PostgreSQL URL without its password. */
  dataFile: string;
  /** True when `/api` needs an API key. */
  apiKeyRequired: boolean;
}

/** `POST /api/generate`. */
export interface GenerateBody {
  target: RunTarget;
  prompt: RunPrompt;
  params: RunParams;
  title?: string;
  tags?: string[];
  /**
   * Local models only: restrict the output (ToolsApi.ts). Tokens then carry `constrained` (the allowed
   * distribution) beside the raw values, and the completion its `constraint`. Needs the raw distribution.
   */
  constraint?: GenerateConstraint;
  /**
   * Where the answer's confidence comes from (default `logprobs`): the tokens' logprobs, sampling
   * consistency (`samples` answers compared, no logprobs asked), or both side by side. With
   * `logprobs` or `both`, an endpoint that refuses or ignores logprobs falls back to sampling
   * consistency (a `sampling` event with `fallback` says so). Not with `constraint`.
   */
  confidence?: ConfidenceSignal;
  /** How many answers sampling consistency compares: 2..20 (default 5). */
  samples?: number;
}

/** `POST /api/runs/:id/branch`: replace token `position` of the run with `token`, generate from there. */
export interface BranchBody {
  position: number;
  /**
   * The token to put at `position`. Local runs: any token id of the model's vocabulary (its logprob is
   * read from the model's distribution there when it is not among the stored top-k); without an id, one
   * of the stored alternatives by text. Remote runs: one of the alternatives stored at `position`.
   */
  token: { text: string; id?: number };
  /** Parameters for the continuation (default: the parent's). */
  params?: RunParams;
  /** Remote runs need the key again (never stored). */
  apiKey?: string;
}

/** `POST /api/runs/:id/distribution`: the next-token distribution before token `position`. */
export interface DistributionBody {
  position: number;
  /** How many of the most likely tokens (default 100); `'all'` for the whole vocabulary (local only). */
  top?: number | 'all';
}

/** The next-token distribution at one position of a run. */
export interface NextTokenDistribution {
  position: number;
  /** Most likely first; natural-log values. */
  alternatives: TopAlternative[];
  /** Sum of p over `alternatives` (the rest is the tail not listed). */
  coveredMass: number;
  vocabSize?: number;
  /** Exact entropy in nats, when the whole distribution was available. */
  entropy?: number;
  /** `engine`: recomputed by the local model; `stored`: the top-k saved with the run (remote, imports). */
  source: 'engine' | 'stored';
  /** Which distribution the values describe. */
  distribution: 'raw' | 'processed' | 'unknown';
}

/** Events of a generation stream (SSE `event:` name = `type`, `data:` = the JSON of the event). */
export type RunStreamEvent =
  | { type: 'start'; model: string; promptText?: string }
  /** One generated token, in order (`index` counts from 0 within the completion being shown). */
  | { type: 'token'; index: number; token: Token }
  /**
   * Sampling consistency starts: `samples` answers at `temperature` (at least 0.7), asked without
   * logprobs. `fallback` (the endpoint's refusal, one line) when it replaces logprobs the endpoint
   * refused or ignored; tokens sent before it are then not part of the run.
   */
  | { type: 'sampling'; samples: number; temperature: number; fallback?: string }
  /** Another sample is in: `done` of `of` (in the order they finish). */
  | { type: 'sample'; done: number; of: number }
  /** The run is saved (acknowledged): it survives a crash from here on. */
  | { type: 'done'; run: RunRecord }
  | { type: 'error'; error: AppErrorBody['error'] };

/** Every error the API answers (OpenAI's shape). */
export interface AppErrorBody {
  error: { message: string; type: string; code?: string | null; param?: string | null };
}
