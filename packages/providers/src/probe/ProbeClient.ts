import { createSseDecoder } from '@tokenscope/core';
import { checkBaseUrl, displayUrl, joinUrl } from '../http/baseUrl.js';
import type { EndpointOptions } from '../Provider.js';
import type { ProbeExchange } from './ProbeReport.js';

/** Default per-request timeout of the probe (ms). */
export const DEFAULT_PROBE_TIMEOUT_MS = 60_000;
const MAX_ERROR_CHARS = 1000;

/** What came back for one probe request. */
export interface ProbeAnswer {
  /** Index of the request in the report. */
  index: number;
  /** HTTP status, or null when no answer came. */
  status: number | null;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
  /** The body as text ('' when no answer came). */
  text: string;
  /** The exact error text of a non-2xx answer or of a failed request. */
  error?: string;
  /** The `model` the request named, if any. */
  model?: string;
}

/** True for a 2xx answer. */
export function isOk(answer: ProbeAnswer): boolean {
  return answer.status !== null && answer.status >= 200 && answer.status < 300;
}

/** The message of an error body: OpenAI `{error: {message}}`, `{error: "..."}`, `{message}`, `{detail}`, else the text. */
export function errorText(json: unknown, text: string): string {
  const body = json as { error?: unknown; message?: unknown; detail?: unknown } | null | undefined;
  const nested = body?.error as { message?: unknown } | string | undefined;
  const candidates = [
    typeof nested === 'object' && nested !== null ? nested.message : nested,
    body?.message,
    body?.detail,
  ];
  const found = candidates.find((c): c is string => typeof c === 'string' && c !== '');
  const message = found ?? text.trim();
  if (message === '') return '(empty body)';
  return message.length > MAX_ERROR_CHARS ? `${message.slice(0, MAX_ERROR_CHARS)}…` : message;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The JSON payloads of an SSE body (events read by core's `createSseDecoder`) or an NDJSON one (when no
 * line starts with `data:`), skipping `[DONE]` and what is not JSON: the probe reports, it does not judge.
 */
export function streamEvents(text: string): unknown[] {
  const payloads: string[] = [];
  if (/^data:/m.test(text)) {
    const decoder = createSseDecoder({ onEvent: (event) => payloads.push(event.data) });
    decoder.write(text);
    decoder.end();
  } else {
    payloads.push(...text.split(/\r?\n/));
  }
  const events: unknown[] = [];
  const add = (payload: string) => {
    const data = payload.trim();
    if (data === '' || data === '[DONE]') return true;
    const value = parseJson(data);
    if (value !== undefined) events.push(value);
    return value !== undefined;
  };
  // An event of several data lines that is not one JSON value: events written without blank lines.
  for (const payload of payloads) if (!add(payload)) payload.split('\n').forEach(add);
  return events;
}

function failureText(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const inner = cause instanceof Error ? cause.message : undefined;
  const outer = error instanceof Error ? error.message : String(error);
  return inner !== undefined && inner !== '' ? inner : outer;
}

/**
 * Sends the probe's requests one at a time, without retries (the probe reports what happened), and
 * records each one. The API key goes in the `Authorization` header and nowhere else.
 */
export class ProbeClient {
  readonly exchanges: ProbeExchange[] = [];
  /** The base URL as reports show it: no user name, password or query (`displayUrl`). */
  readonly baseURL: string;
  readonly #endpoint: EndpointOptions;
  readonly #signal: AbortSignal | undefined;

  constructor(endpoint: EndpointOptions, signal?: AbortSignal) {
    checkBaseUrl(endpoint.baseURL);
    this.baseURL = displayUrl(endpoint.baseURL);
    this.#endpoint = endpoint;
    this.#signal = signal;
  }

  get(path: string, purpose: string): Promise<ProbeAnswer> {
    return this.#send('GET', path, undefined, purpose);
  }

  post(path: string, body: Record<string, unknown>, purpose: string): Promise<ProbeAnswer> {
    return this.#send('POST', path, body, purpose);
  }

  async #send(
    method: 'GET' | 'POST',
    path: string,
    body: Record<string, unknown> | undefined,
    purpose: string,
  ): Promise<ProbeAnswer> {
    this.#signal?.throwIfAborted();
    const timeoutMs = this.#endpoint.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = this.#signal === undefined ? timeout : AbortSignal.any([this.#signal, timeout]);
    const headers: Record<string, string> = { accept: 'application/json, text/event-stream' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.#endpoint.apiKey !== undefined) headers.authorization = `Bearer ${this.#endpoint.apiKey}`;
    Object.assign(headers, this.#endpoint.headers);
    const exchange: ProbeExchange = {
      purpose,
      method,
      path,
      ...(body === undefined ? {} : { body }),
      status: null,
      ms: 0,
    };
    const index = this.exchanges.push(exchange) - 1;
    const model = typeof body?.model === 'string' ? { model: body.model } : {};
    const started = performance.now();
    const doFetch = this.#endpoint.fetch ?? fetch;
    let status: number | null = null;
    let text = '';
    try {
      const response = await doFetch(joinUrl(this.#endpoint.baseURL, path), {
        method,
        headers,
        signal,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      // The caller's abort ends the probe; a timeout or a connection error is a finding.
      if (this.#signal?.aborted) throw this.#signal.reason;
      exchange.ms = Math.round(performance.now() - started);
      exchange.status = status;
      exchange.error = timeout.aborted ? `no answer within ${timeoutMs} ms` : failureText(error);
      return { index, status, json: undefined, text, error: exchange.error, ...model };
    }
    exchange.ms = Math.round(performance.now() - started);
    exchange.status = status;
    const json = parseJson(text);
    const answer: ProbeAnswer = { index, status, json, text, ...model };
    if (status < 200 || status >= 300) {
      exchange.error = errorText(json, text);
      answer.error = exchange.error;
    }
    return answer;
  }
}
