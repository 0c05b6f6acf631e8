import {
  createResponseParser,
  type FormatId,
  type LogprobResponse,
  parseResponse,
  type Token,
  TokenscopeError,
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
 * Sends the call and parses the answer with core's parsers: a whole response with `parseResponse`,
 * a stream by writing each event into one `createResponseParser` as it arrives (and parsing each event
 * alone for `onToken`). Refusals and answers without logprobs become `LogprobsUnsupportedError`.
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
    const parser = createResponseParser(from);
    const onToken = call.options.onToken;
    const emit = (text: string) => {
      parser.write(text);
      if (onToken) for (const [token, index] of eventTokens(text, call.from)) onToken(token, index);
    };
    if (call.framing === 'sse') {
      for await (const event of http.events(request)) {
        const name = event.event ? `event: ${event.event}\n` : '';
        emit(
          `${name}${event.data
            .split('\n')
            .map((line) => `data: ${line}\n`)
            .join('')}\n`,
        );
      }
    } else {
      for await (const line of http.lines(request)) emit(`${line}\n`);
    }
    return parser.end();
  } catch (error) {
    throw refusalOf(error, { provider: call.provider, model: call.request.model }) ?? error;
  }
}

/** The generated tokens one stream event carries, parsed by core on its own (none when it has none). */
function eventTokens(text: string, from: FormatId | undefined): Array<[Token, number]> {
  try {
    const response = parseResponse(text, { ...(from && { from }), allowTruncated: true });
    return response.completions.flatMap((c) => c.tokens.map((t): [Token, number] => [t, c.index]));
  } catch (error) {
    if (error instanceof TokenscopeError) return [];
    throw error;
  }
}
