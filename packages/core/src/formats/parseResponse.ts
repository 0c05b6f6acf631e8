import type { LogprobResponse } from '../model/Completion.js';
import { createResponseParser, type ParseRequest } from './createResponseParser.js';

/**
 * Parses a whole response (one JSON document, JSON lines, an SSE stream, or a JSON array of stream
 * chunks) into the normalised model. The format is detected from the first JSON value unless `from`
 * names it. Throws a `TokenscopeError` subclass with a one-line message on bad input.
 */
export function parseResponse(input: string, options?: ParseRequest): LogprobResponse {
  const parser = createResponseParser(options);
  parser.write(input);
  return parser.end();
}
