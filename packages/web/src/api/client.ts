import type {
  AppStatus,
  BranchBody,
  ClassifyBody,
  ClassifyResponse,
  DatasetListItem,
  DatasetSettings,
  DatasetSummary,
  DistributionBody,
  FormatId,
  GateThresholds,
  GenerateBody,
  NextTokenDistribution,
  RerankBody,
  RerankResponse,
  ReviewDecision,
  ReviewQueue,
  RunList,
  RunListItem,
  RunPatch,
  RunQuery,
  RunRecord,
  RunReview,
  RunReviews,
  RunStreamEvent,
  ScoreBody,
  ScoreResponse,
} from '@tokenscope/core';
import { AppApiError } from './AppApiError';
import { errorFromResponse } from './errorFromResponse';
import { readEventStream } from './readEventStream';
import { ServerUnreachableError } from './ServerUnreachableError';
import { StreamEndedError } from './StreamEndedError';

export type ExportFormat = 'html' | 'md' | 'json';

export interface ApiClientOptions {
  /** Prefix of every path (default: the page's own origin). */
  baseUrl?: string;
  fetch?: typeof fetch;
  /**
   * Asked when a request gets 401 and no key has been tried since: resolves to the server's API key, or
   * null to give up. The key is kept in memory only, for this page.
   */
  askApiKey?: (serverMessage: string) => Promise<string | null>;
}

/** A typed client of every `/api` route (see `AppApi.ts` in core). */
export interface ApiClient {
  status(): Promise<AppStatus>;
  listRuns(query?: RunQuery, signal?: AbortSignal): Promise<RunList>;
  getRun(id: string, signal?: AbortSignal): Promise<RunRecord>;
  updateRun(id: string, patch: RunPatch): Promise<RunRecord>;
  deleteRun(id: string): Promise<{ deleted: string }>;
  runTree(id: string, signal?: AbortSignal): Promise<RunListItem[]>;
  tags(): Promise<Array<{ tag: string; count: number }>>;
  importRun(name: string, body: Blob | string, from?: FormatId): Promise<RunRecord>;
  exportUrl(id: string, format: ExportFormat): string;
  /** The export as a file (for pages that need the API key, which a plain link cannot send). */
  exportRun(id: string, format: ExportFormat): Promise<Blob>;
  distribution(id: string, body: DistributionBody): Promise<NextTokenDistribution>;
  /** Streams a generation; resolves with the saved run (the `done` event). */
  generate(
    body: GenerateBody,
    onEvent: (event: RunStreamEvent) => void,
    signal?: AbortSignal,
  ): Promise<RunRecord>;
  branch(
    id: string,
    body: BranchBody,
    onEvent: (event: RunStreamEvent) => void,
    signal?: AbortSignal,
  ): Promise<RunRecord>;
  /** The run's review decisions (latest per sentence, history). */
  reviews(id: string, signal?: AbortSignal): Promise<RunReviews>;
  /** Saves a review decision on one sentence of the run. */
  review(id: string, decision: ReviewDecision): Promise<RunReview>;
  /** Sentences of the newest runs that the gate sends to review and nobody decided yet. */
  reviewQueue(
    query?: { limit?: number; publish?: number; review?: number },
    signal?: AbortSignal,
  ): Promise<ReviewQueue>;
  /** The probability of each label as the continuation of a prompt (`ToolsApi.ts`). */
  classify(body: ClassifyBody, signal?: AbortSignal): Promise<ClassifyResponse>;
  /** Candidates ranked by their logprob given a prompt. */
  rerank(body: RerankBody, signal?: AbortSignal): Promise<RerankResponse>;
  /** Every token of text the model did not write, scored (and saved as a run with `save`). */
  score(body: ScoreBody, signal?: AbortSignal): Promise<ScoreResponse>;
  /** Datasets with runs, most recent first. */
  datasets(signal?: AbortSignal): Promise<DatasetListItem[]>;
  /** Models and prompt versions to filter by (of `dataset`, else of all runs). */
  facets(dataset?: string, signal?: AbortSignal): Promise<{ models: string[]; promptVersions: string[] }>;
  /** Runs aggregated by the server's database; `query` is a `summaryParams` record (`datasets/datasetQuery`). */
  datasetSummary(
    query: Record<string, string | number | undefined>,
    signal?: AbortSignal,
  ): Promise<DatasetSummary>;
  datasetSettings(name: string, signal?: AbortSignal): Promise<DatasetSettings>;
  /** Saves (or, with null, clears) the gate thresholds of a dataset. */
  saveDatasetSettings(
    name: string,
    body: { thresholds: GateThresholds | null; note?: string },
  ): Promise<DatasetSettings>;
  /** True once a key is held (in memory). */
  hasApiKey(): boolean;
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let apiKey: string | null = null;
  let asking: Promise<string | null> | null = null;

  async function send(path: string, init: RequestInit = {}): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const headers = new Headers(init.headers);
      if (apiKey !== null) headers.set('Authorization', `Bearer ${apiKey}`);
      const usedKey = apiKey;
      let response: Response;
      try {
        response = await doFetch(baseUrl + path, { ...init, headers });
      } catch (error) {
        if (init.signal?.aborted) throw error;
        throw new ServerUnreachableError(path, error);
      }
      if (response.status !== 401 || !options.askApiKey || attempt > 0) {
        if (!response.ok) throw await errorFromResponse(response);
        return response;
      }
      const error = await errorFromResponse(response);
      if (apiKey === usedKey) {
        // One question at a time: concurrent 401s wait for the same answer.
        asking ??= options.askApiKey(error.message).finally(() => {
          asking = null;
        });
        const key = await asking;
        if (key === null || key === '') throw error;
        apiKey = key;
      }
    }
  }

  async function json<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await send(path, init);
    return (await response.json()) as T;
  }

  function jsonBody(method: string, body: unknown, signal?: AbortSignal): RequestInit {
    return {
      method,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      ...(signal ? { signal } : {}),
    };
  }

  async function stream(
    path: string,
    body: unknown,
    onEvent: (event: RunStreamEvent) => void,
    signal?: AbortSignal,
  ): Promise<RunRecord> {
    const init = jsonBody('POST', body, signal);
    (init.headers as Record<string, string>).Accept = 'text/event-stream';
    const response = await send(path, init);
    if (!response.body) throw new StreamEndedError(0);
    let run: RunRecord | undefined;
    let failure: AppApiError | undefined;
    let tokens = 0;
    await readEventStream(response.body, (event) => {
      if (event.type === 'token') tokens++;
      if (event.type === 'done') run = event.run;
      if (event.type === 'error' && !failure) {
        failure = new AppApiError(response.status, event.error.message, event.error);
      }
      onEvent(event);
    });
    if (failure) throw failure;
    if (!run) throw new StreamEndedError(tokens);
    return run;
  }

  const runPath = (id: string) => `/api/runs/${encodeURIComponent(id)}`;
  const datasetPath = (name: string) => `/api/datasets/${encodeURIComponent(name)}/settings`;

  return {
    status: () => json<AppStatus>('/api/status'),
    listRuns: (query = {}, signal) =>
      json<RunList>(`/api/runs${queryString({ ...query })}`, signal ? { signal } : {}),
    getRun: (id, signal) => json<RunRecord>(runPath(id), signal ? { signal } : {}),
    updateRun: (id, patch) => json<RunRecord>(runPath(id), jsonBody('PATCH', patch)),
    deleteRun: (id) => json<{ deleted: string }>(runPath(id), { method: 'DELETE' }),
    runTree: (id, signal) => json<RunListItem[]>(`${runPath(id)}/tree`, signal ? { signal } : {}),
    tags: () => json<Array<{ tag: string; count: number }>>('/api/tags'),
    importRun: (name, body, from) =>
      json<RunRecord>(`/api/import${queryString({ name, from })}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream' },
        body,
      }),
    exportUrl: (id, format) => `${baseUrl}${runPath(id)}/export?format=${format}`,
    exportRun: async (id, format) => (await send(`${runPath(id)}/export?format=${format}`)).blob(),
    distribution: (id, body) =>
      json<NextTokenDistribution>(`${runPath(id)}/distribution`, jsonBody('POST', body)),
    generate: (body, onEvent, signal) => stream('/api/generate', body, onEvent, signal),
    branch: (id, body, onEvent, signal) => stream(`${runPath(id)}/branch`, body, onEvent, signal),
    reviews: (id, signal) => json<RunReviews>(`${runPath(id)}/reviews`, signal ? { signal } : {}),
    review: (id, decision) => json<RunReview>(`${runPath(id)}/reviews`, jsonBody('POST', decision)),
    reviewQueue: (query = {}, signal) =>
      json<ReviewQueue>(`/api/review-queue${queryString({ ...query })}`, signal ? { signal } : {}),
    classify: (body, signal) => json<ClassifyResponse>('/api/classify', jsonBody('POST', body, signal)),
    rerank: (body, signal) => json<RerankResponse>('/api/rerank', jsonBody('POST', body, signal)),
    score: (body, signal) => json<ScoreResponse>('/api/score', jsonBody('POST', body, signal)),
    datasets: (signal) => json<DatasetListItem[]>('/api/datasets', signal ? { signal } : {}),
    facets: (dataset, signal) =>
      json<{ models: string[]; promptVersions: string[] }>(
        `/api/facets${queryString({ dataset })}`,
        signal ? { signal } : {},
      ),
    datasetSummary: (query, signal) =>
      json<DatasetSummary>(`/api/datasets/summary${queryString(query)}`, signal ? { signal } : {}),
    datasetSettings: (name, signal) => json<DatasetSettings>(datasetPath(name), signal ? { signal } : {}),
    saveDatasetSettings: (name, body) => json<DatasetSettings>(datasetPath(name), jsonBody('PUT', body)),
    hasApiKey: () => apiKey !== null,
  };
}

/** `?a=1&b=x` from the defined, non-empty values (empty string when none). */
export function queryString(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
