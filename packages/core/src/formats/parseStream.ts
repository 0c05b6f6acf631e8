import type { LogprobResponse } from '../model/Completion.js';
import { isStreamTextResult } from './aiSdk.js';
import { createChunkFeeder } from './createChunkFeeder.js';
import { createResponseParser, type ParseRequest } from './createResponseParser.js';
import { isAsyncIterable } from './describeInput.js';
import { parseResponse, type ResponseInput } from './parseResponse.js';

/** What `parseStream` takes: an async iterable of stream chunks, or what `parseResponse` takes, or a Promise of either. */
export type StreamInput =
  | ResponseInput
  | AsyncIterable<unknown>
  | PromiseLike<ResponseInput | AsyncIterable<unknown>>;

/**
 * Parses a stream as an SDK hands it out, chunk by chunk as it arrives: the official `openai` client's
 * `stream: true` result (chat and completion chunks, Responses API events), the AI SDK's
 * `streamText(...).fullStream` (or the `streamText` result itself: its steps, once they are done),
 * LangChain's `model.stream(...)`, a `ReadableStream` of text, any async iterable of objects or strings.
 * `onToken` sees each token as it is parsed. Anything `parseResponse` takes works too.
 */
export async function parseStream(input: StreamInput, options?: ParseRequest): Promise<LogprobResponse> {
  const source: unknown = await input;
  if (isStreamTextResult(source)) return parseResponse({ steps: await source.steps }, options);
  if (!isAsyncIterable(source)) return parseResponse(source as ResponseInput, options);
  const parser = createResponseParser(options);
  const feed = createChunkFeeder(parser);
  for await (const chunk of source) feed(chunk);
  return parser.end();
}
