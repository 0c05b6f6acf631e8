import { UnsupportedInputError } from '../errors/UnsupportedInputError.js';
import type { LogprobResponse } from '../model/Completion.js';
import { isStreamTextResult } from './aiSdk.js';
import { isRecord } from './checkShape.js';
import { createChunkFeeder } from './createChunkFeeder.js';
import { createResponseParser, type ParseRequest } from './createResponseParser.js';
import { describeInput, isAsyncIterable, isIterable, isThenable } from './describeInput.js';
import { detectFormat } from './detectFormat.js';

/**
 * What `parseResponse` takes: a response's text (JSON, JSON lines, SSE), the object an SDK returned
 * (`client.chat.completions.create(...)`, a `generateText` result, a LangChain `AIMessage`, a JSON
 * value), or an array or other iterable of stream chunks (objects, or strings of text).
 */
export type ResponseInput = string | object;

/**
 * Parses a whole response into the normalised model: text (one JSON document, JSON lines, an SSE
 * stream, or a JSON array of stream chunks), a parsed object as an SDK hands it out, or an iterable of
 * stream chunks. The format is detected from the first JSON value unless `from` names it. Throws a
 * `TokenscopeError` subclass with a one-line message on bad input. Async streams: `parseStream`.
 */
export function parseResponse(input: ResponseInput, options?: ParseRequest): LogprobResponse {
  const parser = createResponseParser(options);
  if (typeof input === 'string') {
    parser.write(input);
  } else if (Array.isArray(input) && input.length > 0 && input.every((item) => typeof item === 'string')) {
    for (const text of input) parser.write(text);
  } else if (Array.isArray(input)) {
    // An array no format reads as a whole holds a saved stream's chunks: objects.
    const bad = input.findIndex((item) => !(isRecord(item) || Array.isArray(item)));
    if (bad >= 0 && options?.from === undefined && !detectFormat(input)) {
      throw new UnsupportedInputError(`array item [${bad}]: ${describeInput(input[bad])}`);
    }
    parser.value(input);
  } else if (isStreamTextResult(input)) {
    throw new UnsupportedInputError(
      'got a streamText result, whose values are Promises: use await parseStream(result)',
    );
  } else if (
    isThenable(input) ||
    input instanceof Uint8Array ||
    (isAsyncIterable(input) && !isIterable(input))
  ) {
    throw new UnsupportedInputError(describeInput(input));
  } else if (isIterable(input)) {
    const feed = createChunkFeeder(parser);
    for (const chunk of input) feed(chunk);
  } else if (isRecord(input)) {
    parser.value(input);
  } else {
    throw new UnsupportedInputError(describeInput(input));
  }
  return parser.end();
}
