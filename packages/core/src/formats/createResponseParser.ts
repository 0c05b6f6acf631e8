import { EmptyInputError } from '../errors/EmptyInputError.js';
import { FormatMismatchError } from '../errors/FormatMismatchError.js';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { UnknownFormatError } from '../errors/UnknownFormatError.js';
import { FORMAT_IDS, type FormatId, type LogprobResponse } from '../model/Completion.js';
import { isRecord } from './checkShape.js';
import { createFramer } from './createFramer.js';
import { describeValue } from './describeValue.js';
import { detectFormat } from './detectFormat.js';
import type { FormatParser, ParseOptions, ResponseAccumulator } from './FormatParser.js';
import { createWarningLog, leniently } from './lenientValues.js';
import { FORMAT_PARSERS } from './registry.js';
import type { DecodedSseEvent } from './SseJsonReader.js';

/** Options of `parseResponse` / `createResponseParser`. */
export type ParseRequest = ParseOptions & {
  /** Skip detection and parse as this format. */
  from?: FormatId;
  /** Largest whole JSON document accepted, in characters (default 64 MiB). Streams have no limit. */
  maxDocumentChars?: number;
  /**
   * Analyse values no distribution can have (top-k probabilities summing above 1, a logprob that
   * disagrees with its own top-k entry; see `implausibleLogprobs`) instead of throwing
   * `InvalidValueError`: the response carries a warning per kind of problem (`warnings`).
   */
  lenient?: boolean;
};

/**
 * Parses one response as it arrives: written as text in chunks (a file read in pieces, a stream as it
 * arrives), or fed decoded events (an HTTP client's SSE events) or parsed JSON values (JSON lines), each
 * parsed once. One parser reads one of the three; `onToken` sees the tokens as they are parsed.
 */
export interface ResponseParser {
  write(chunk: string): void;
  /** One SSE event decoded elsewhere (`createSseDecoder`): its data is parsed here, once. */
  event(event: DecodedSseEvent): void;
  /** One JSON value already parsed: a whole response, or one stream event's or JSON line's data. */
  value(value: unknown, event?: string): void;
  /** Ends the input and returns the normalised response; throws a `TokenscopeError` on bad input. */
  end(): LogprobResponse;
}

/** Values a stream may open with before its first recognisable one (Azure's prompt_filter_results). */
const MAX_UNRECOGNISED_LEAD = 16;

/**
 * Creates an incremental parser. The framing (SSE, JSON lines, one document) is detected from the text;
 * the format from the first JSON value (unless `from` names it). A top-level JSON array that no format
 * claims as a whole is a saved stream: each element is pushed as one event.
 */
export function createResponseParser(options: ParseRequest = {}): ResponseParser {
  const forced = options.from === undefined ? undefined : parserFor(options.from);
  if (options.maxDocumentChars !== undefined && !(options.maxDocumentChars > 0)) {
    throw new InvalidOptionError(
      'maxDocumentChars',
      `expected a positive number, got ${options.maxDocumentChars}`,
    );
  }
  let accumulator: ResponseAccumulator | undefined;
  let doneBeforeStart = false;
  /** Values came parsed (`value`), so there may be no text for the framer to end. */
  let fedValues = false;
  const lead: Array<[unknown, string | undefined]> = [];

  const start = (parser: FormatParser) => {
    accumulator = parser.accumulate(options);
    for (const [value, event] of lead) accumulator.push(value, event);
    lead.length = 0;
    if (doneBeforeStart) accumulator.done();
  };

  const pushOne = (value: unknown, event: string | undefined) => {
    if (accumulator) return accumulator.push(value, event);
    if (forced) {
      lead.push([value, event]);
      if (forced.detect(value, event)) return start(forced);
      if (isRecord(value) && lead.length < MAX_UNRECOGNISED_LEAD && looksLikePrelude(value)) return;
      throw new FormatMismatchError(`${forced.id} (${forced.label})`, seen(value));
    }
    lead.push([value, event]);
    const parser = detectFormat(value, event);
    if (parser) return start(parser);
    if (!(isRecord(value) && lead.length < MAX_UNRECOGNISED_LEAD && looksLikePrelude(value))) {
      throw new UnknownFormatError(describeValue(lead[0]![0]), FORMAT_IDS);
    }
  };

  const push = (value: unknown, event: string | undefined) => {
    const claimedWhole =
      accumulator === undefined && (forced ?? detectFormat(value, event))?.detect(value, event);
    if (Array.isArray(value) && !claimedWhole && value.length > 0 && value.every(isRecord)) {
      for (const element of value) pushOne(element, event);
    } else {
      pushOne(value, event);
    }
  };

  const framer = createFramer(
    {
      value: (value, event) => push(value, event),
      done: () => {
        if (accumulator) accumulator.done();
        else doneBeforeStart = true;
      },
    },
    {
      ...(options.maxDocumentChars !== undefined && { maxDocumentChars: options.maxDocumentChars }),
      ...(options.allowTruncated !== undefined && { allowTruncated: options.allowTruncated }),
    },
  );

  const log = options.lenient ? createWarningLog() : undefined;
  return {
    write: (chunk) => leniently(log?.record, () => framer.write(chunk)),
    event: (event) => leniently(log?.record, () => framer.event(event)),
    value: (value, event) =>
      leniently(log?.record, () => {
        fedValues = true;
        push(value, event);
      }),
    end: () =>
      leniently(log?.record, () => {
        if (!(fedValues && framer.framing === undefined)) framer.end();
        if (!accumulator) {
          const first = lead[0];
          if (first) throw new UnknownFormatError(describeValue(first[0]), FORMAT_IDS);
          throw new EmptyInputError('the stream holds no JSON events');
        }
        const response = accumulator.finish();
        const warnings = log?.warnings() ?? [];
        if (warnings.length > 0) response.warnings = warnings;
        return response;
      }),
  };
}

/** The registered parser for a format id; `InvalidOptionError` for an unknown one. */
export function parserFor(id: string): FormatParser {
  if (!(FORMAT_IDS as readonly string[]).includes(id)) {
    throw new InvalidOptionError('from', `unknown format "${id}"; expected one of: ${FORMAT_IDS.join(', ')}`);
  }
  const parser = FORMAT_PARSERS.find((p) => p.id === id);
  if (!parser) throw new InvalidOptionError('from', `the format "${id}" has no parser yet`);
  return parser;
}

function seen(value: unknown): string {
  const detected = detectFormat(value);
  const shape = describeValue(value);
  return detected ? `${detected.id} (${detected.label}): ${shape}` : shape;
}

/** An object that opens some streams before the first real chunk: no choices yet, filter results. */
function looksLikePrelude(value: Record<string, unknown>): boolean {
  return (Array.isArray(value.choices) && value.choices.length === 0) || 'prompt_filter_results' in value;
}
