import {
  createResponseParser,
  type FormatId,
  type LogprobResponse,
  parseJsonText,
  parseResponse,
} from '@tokenscope/core';
import { createHttpClient, type HttpClientOptions } from '../http/createHttpClient.js';
import type { EndpointOptions, LogprobRequest, RequestOptions } from '../Provider.js';
import { refusalOf } from '../refusals/refusalOf.js';

/** One call for logprobs, as an adapter built it. */
export interface LogprobCall {
  /** The adapter's label, named in errors. */
  provider: string;
  endpoint: EndpointOptions;
  request: LogprobRequest;
  options: RequestOptions;
  /** Path under the base URL (the streamed one when `options.stream`). */
  path: string;
  body: Record<string, unknown>;
  /** How a stream is framed. */
  framing: 'sse' | 'ndjson';
  /** The core format to parse as; undefined: detect it (OpenAI-compatible servers vary). */
  from?: FormatId;
  http?: HttpClientOptions;
}

/**
 * Sends the call and parses the answer with core's parsers: a whole response with `parseResponse`; a
 * stream by feeding each event (SSE, decoded by the HTTP client) or each JSON line, as it arrives, to one
 * `createResponseParser`, which parses it once and calls `onToken` with the tokens it carries. Refusals
 * and answers without logprobs become `LogprobsUnsupportedError`.
 */
export async function runLogprobRequest(call: LogprobCall): Promise<LogprobResponse> {
  const http = createHttpClient(call.endpoint, call.http);
  const request = {
    path: call.path,
    body: call.body,
    ...(call.options.signal && { signal: call.options.signal }),
  };
  const from = call.from === undefined ? {} : { from: call.from };
  try {
    if (!call.options.stream) return parseResponse(await http.text(request), from);
    const onToken = call.options.onToken;
    const parser = createResponseParser({ ...from, ...(onToken && { onToken }) });
    if (call.framing === 'sse') {
      for await (const event of http.events(request)) parser.event(event);
    } else {
      let line = 0;
      for await (const text of http.lines(request)) parser.value(parseJsonText(text, ++line));
    }
    return parser.end();
  } catch (error) {
    throw refusalOf(error, { provider: call.provider, model: call.request.model }) ?? error;
  }
}
