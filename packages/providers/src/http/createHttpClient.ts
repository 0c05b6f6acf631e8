import { createSseDecoder, parseJsonText, type SseEvent } from '@tokenscope/core';
import { AbortError } from '../errors/AbortError.js';
import { createUpstreamError } from '../errors/createUpstreamError.js';
import { UpstreamError } from '../errors/UpstreamError.js';
import type { EndpointOptions } from '../Provider.js';
import { Attempt } from './Attempt.js';
import { checkBaseUrl, displayUrl, joinUrl } from './baseUrl.js';
import { readUpstreamError } from './readUpstreamError.js';
import { isRetryableStatus, retryDelay } from './retryDelay.js';
import { sleep } from './sleep.js';

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RETRIES = 2;

/** One request: a path under the base URL (query string allowed), a JSON body for POST. */
export interface HttpRequest {
  method?: 'GET' | 'POST';
  path: string;
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** How the API key travels (default `Authorization: Bearer`). */
export interface HttpClientOptions {
  authHeader?: (apiKey: string) => Record<string, string>;
  /** Called before each retry (for logs and tests); never sees the key. */
  onRetry?: (info: { retry: number; delayMs: number; error: Error }) => void;
}

/** JSON over HTTP with timeouts, retries (before any byte of a body was used) and abort. */
export interface HttpClient {
  readonly baseURL: string;
  /** The response body as text (for core's parsers, which read `-Infinity` and `NaN` too). */
  text(request: HttpRequest): Promise<string>;
  /** The body parsed as JSON (core's reader: `InvalidJsonError` with the place of a syntax error). */
  json(request: HttpRequest): Promise<unknown>;
  /** The body's text chunks as they arrive (decoded UTF-8). */
  chunks(request: HttpRequest): AsyncIterable<string>;
  /** Server-sent events (core's `createSseDecoder`), as they arrive; a last one without its blank line too. */
  events(request: HttpRequest): AsyncIterable<SseEvent>;
  /** Non-empty lines of a JSON-lines (NDJSON) body, as they arrive. */
  lines(request: HttpRequest): AsyncIterable<string>;
}

export function createHttpClient(endpoint: EndpointOptions, options: HttpClientOptions = {}): HttpClient {
  checkBaseUrl(endpoint.baseURL);
  const baseURL = endpoint.baseURL.replace(/\/+$/, '');
  const timeoutMs = endpoint.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRetries = endpoint.maxRetries ?? DEFAULT_MAX_RETRIES;
  const doFetch = endpoint.fetch ?? globalThis.fetch;
  const authHeader = options.authHeader ?? ((key: string) => ({ authorization: `Bearer ${key}` }));

  /** Sends with retries; resolves with a 2xx response and its attempt (timer armed for the body). */
  async function open(
    request: HttpRequest,
    accept: string,
  ): Promise<{ response: Response; attempt: Attempt }> {
    const url = joinUrl(baseURL, request.path);
    const shownUrl = displayUrl(url);
    const method = request.method ?? (request.body === undefined ? 'GET' : 'POST');
    const headers: Record<string, string> = {
      accept,
      ...(request.body !== undefined && { 'content-type': 'application/json' }),
      ...endpoint.headers,
      ...request.headers,
      ...(endpoint.apiKey ? authHeader(endpoint.apiKey) : {}),
    };
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    for (let retry = 0; ; retry++) {
      const attempt = new Attempt(shownUrl, timeoutMs, request.signal);
      let error: Error;
      try {
        attempt.arm('waiting for the response headers');
        const response = await doFetch(url, {
          method,
          headers,
          signal: attempt.controller.signal,
          ...(body !== undefined && { body }),
        });
        if (response.ok) {
          attempt.arm('reading the response');
          return { response, attempt };
        }
        attempt.arm('reading the error body');
        const text = await response.text();
        error = createUpstreamError(readUpstreamError(response, text, shownUrl, endpoint.apiKey));
        attempt.close();
        if (!isRetryableStatus(response.status) || retry >= maxRetries) throw error;
      } catch (thrown) {
        attempt.close();
        if (thrown instanceof UpstreamError) throw thrown;
        error = attempt.toError(thrown);
        if (request.signal?.aborted || retry >= maxRetries || error instanceof AbortError) throw error;
      }
      const delayMs = retryDelay(retry, error instanceof UpstreamError ? error.retryAfterMs : undefined);
      options.onRetry?.({ retry: retry + 1, delayMs, error });
      try {
        await sleep(delayMs, request.signal);
      } catch {
        throw new AbortError(shownUrl, request.signal?.reason);
      }
    }
  }

  async function* chunks(request: HttpRequest, accept = '*/*'): AsyncGenerator<string> {
    const { response, attempt } = await open(request, accept);
    const body = response.body;
    if (!body) {
      attempt.close();
      return;
    }
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let finished = false;
    try {
      for (;;) {
        attempt.arm('reading the response');
        let result: ReadableStreamReadResult<Uint8Array>;
        try {
          result = await reader.read();
        } catch (thrown) {
          throw attempt.toError(thrown);
        }
        if (result.done) break;
        const text = decoder.decode(result.value, { stream: true });
        if (text) {
          attempt.pause();
          yield text;
        }
      }
      finished = true;
      const rest = decoder.decode();
      if (rest) yield rest;
    } finally {
      attempt.close();
      if (!finished) await reader.cancel().catch(() => undefined);
    }
  }

  const text = async (request: HttpRequest): Promise<string> => {
    let all = '';
    for await (const chunk of chunks(request, 'application/json')) all += chunk;
    return all;
  };

  return {
    baseURL,
    text,
    json: async (request) => parseJsonText(await text(request)),
    chunks: (request) => chunks(request),
    async *events(request) {
      let queue: SseEvent[] = [];
      const decoder = createSseDecoder({ onEvent: (event) => queue.push(event) });
      const drain = () => {
        const events = queue;
        queue = [];
        return events;
      };
      for await (const chunk of chunks(request, 'text/event-stream')) {
        decoder.write(chunk);
        yield* drain();
      }
      decoder.end();
      yield* drain();
    },
    async *lines(request) {
      let pending = '';
      for await (const chunk of chunks(request, 'application/x-ndjson')) {
        pending += chunk;
        const parts = pending.split('\n');
        pending = parts.pop()!;
        for (const line of parts) if (line.trim() !== '') yield line.replace(/\r$/, '');
      }
      if (pending.trim() !== '') yield pending;
    },
  };
}
