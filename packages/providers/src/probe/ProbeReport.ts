/**
 * What `probeEndpoint` found out about an OpenAI-compatible endpoint. Plain JSON: every request the
 * probe sent is kept in `requests`, and each finding names the requests it rests on.
 */

/**
 * - `supported`: asked for and returned (or, for `topLogprobsAbove20`, accepted).
 * - `refused`: the endpoint answered the request with an error (`detail` has its exact text).
 * - `ignored`: a 2xx answer without what was asked for.
 * - `missing`: the endpoint is not there (404).
 * - `absent`: a field that comes unasked (`bytes`) is not in the answer.
 * - `failed`: no answer (connection error, timeout), or an error that requests without logprobs get too.
 * - `skipped`: not tried, because an earlier finding made it pointless (`detail` says which).
 * - `raw` / `processed` / `unknown`: the distribution finding (before or after temperature).
 */
export type ProbeResult =
  | 'supported'
  | 'refused'
  | 'ignored'
  | 'missing'
  | 'absent'
  | 'failed'
  | 'skipped'
  | 'raw'
  | 'processed'
  | 'unknown';

/** One finding. */
export interface ProbeFinding {
  result: ProbeResult;
  /** One line for people: counts, the exact error text of a refusal, why something was skipped. */
  detail: string;
  /** `topLogprobs`: the largest value accepted (20, 5, 1 or 0); `topLogprobsAbove20`: the value tried. */
  value?: number;
  /** Indexes into `ProbeReport.requests` of the requests this finding rests on. */
  requests: number[];
}

/** The findings, in the order the CLI prints them. */
export interface ProbeFindings {
  /** `GET /models`. */
  models: ProbeFinding;
  /** Chat Completions `logprobs: true`. */
  chatLogprobs: ProbeFinding;
  /** The largest `top_logprobs` of 20, 5, 1 that chat accepts. */
  topLogprobs: ProbeFinding;
  /** Whether chat accepts a `top_logprobs` above 20. */
  topLogprobsAbove20: ProbeFinding;
  /** Whether chat logprob items carry `bytes`. */
  bytes: ProbeFinding;
  /** Chat stream chunks carrying `logprobs.content`. */
  streamLogprobs: ProbeFinding;
  /** Legacy Completions `logprobs: <int>`. */
  completionsLogprobs: ProbeFinding;
  /** Legacy Completions `echo: true` (prompt tokens with logprobs). */
  echo: ProbeFinding;
  /** vLLM-style `prompt_logprobs`. */
  promptLogprobs: ProbeFinding;
  /** Responses API `include: ["message.output_text.logprobs"]`. */
  responsesLogprobs: ProbeFinding;
  /** Whether logprobs change with temperature: `raw` (before sampling) or `processed`. */
  distribution: ProbeFinding;
}

export type ProbeFindingId = keyof ProbeFindings;

/** One request the probe sent, and what came back. Never holds the API key or other headers. */
export interface ProbeExchange {
  /** What the request checked, e.g. `chat logprobs (top_logprobs 20)`. */
  purpose: string;
  method: 'GET' | 'POST';
  /** Path below the base URL, e.g. `/chat/completions`. */
  path: string;
  /** The JSON body sent (POST). */
  body?: unknown;
  /** HTTP status, or null when no answer came (connection error, timeout). */
  status: number | null;
  /** The exact error text: the JSON error's `message`, else the body (trimmed), else why no answer came. */
  error?: string;
  /** Milliseconds from sending to the whole body read. */
  ms: number;
}

export interface ProbeReport {
  /** The base URL probed (no trailing slash). */
  baseURL: string;
  /** The model the requests named: the one given, else the first listed; null when there was none. */
  model: string | null;
  /** The ids `GET /models` listed (empty when it failed). */
  models: string[];
  findings: ProbeFindings;
  requests: ProbeExchange[];
}
