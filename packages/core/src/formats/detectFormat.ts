import type { FormatParser } from './FormatParser.js';
import { FORMAT_PARSERS } from './registry.js';

/**
 * The first parser in registry order whose `detect` accepts `value` (a whole response or the first
 * event of a stream; `event` is its SSE event name), or undefined when none does.
 */
export function detectFormat(
  value: unknown,
  event?: string,
  parsers: readonly FormatParser[] = FORMAT_PARSERS,
): FormatParser | undefined {
  return parsers.find((parser) => parser.detect(value, event));
}
