import { EmptyInputError } from '../errors/EmptyInputError.js';
import { InputTooLargeError } from '../errors/InputTooLargeError.js';
import { TruncatedStreamError } from '../errors/TruncatedStreamError.js';
import { jsonErrorAt, parseJsonText, tryParseJson } from './parseJsonText.js';
import { type DecodedSseEvent, SseJsonReader, type SseJsonSink } from './SseJsonReader.js';

/** How the input is framed, as detected from its first non-blank line. */
export type Framing = 'sse' | 'jsonl' | 'document';

/** Receives what the framer reads: one JSON value (the whole document, one JSON line, or one SSE event's data; `line` is 1-based), or the SSE `data: [DONE]` marker. */
export type FramerSink = SseJsonSink;

export interface FramerOptions {
  /** Largest whole JSON document accepted, in characters (default 64 MiB). Streams have no limit. */
  maxDocumentChars?: number;
  /** Drop a last stream line / event that is cut off in the middle of a JSON value instead of throwing. */
  allowTruncated?: boolean;
}

/** Turns text, written in chunks cut anywhere, into JSON values. */
export interface Framer {
  write(chunk: string): void;
  /**
   * One SSE event decoded elsewhere (an HTTP client's `createSseDecoder`): its data is read as the
   * events of a written SSE stream are, each data line parsed once. Not to be mixed with `write`.
   */
  event(event: DecodedSseEvent): void;
  /** Ends the input; throws on empty input, an unfinished document or a cut-off last line. */
  end(): void;
  /** The framing, once the first non-blank line has been seen. */
  readonly framing: Framing | undefined;
}

export const DEFAULT_MAX_DOCUMENT_CHARS = 64 * 1024 * 1024;

const SSE_LINE = /^(data|event|id|retry)\s*:|^:/;

/**
 * Creates an incremental framer. The first non-blank line decides the framing: an SSE field or comment
 * means SSE (from that line on, read by `SseJsonReader`); a line that is a complete JSON value means JSON lines
 * (one value per non-empty line); anything else is one JSON document, buffered until `end()` and
 * limited to `maxDocumentChars`. Streams keep only the line being read.
 */
export function createFramer(sink: FramerSink, options: FramerOptions = {}): Framer {
  const maxChars = options.maxDocumentChars ?? DEFAULT_MAX_DOCUMENT_CHARS;
  let framing: Framing | undefined;
  let pending = '';
  let lineNo = 1;
  let ended = false;
  const doc: string[] = [];
  let docChars = 0;
  let docLine = 1;
  let sse: SseJsonReader | undefined;
  /** Events come decoded (`event`), not as text. */
  let decodedEvents = false;

  const tooLarge = (what: string, size: number) =>
    new InputTooLargeError(
      `${what} of at least ${size} characters is over the limit of ${maxChars} characters ` +
        '(maxDocumentChars); streams (SSE events or JSON lines) have no such limit',
    );

  const appendDoc = (text: string) => {
    if (text === '') return;
    doc.push(text);
    docChars += text.length;
    if (docChars > maxChars) throw tooLarge('the input is one JSON document', docChars);
  };

  /** Hands text on to the SSE reader; what it holds (a line, an event's data) has the line limit. */
  const writeSse = (reader: SseJsonReader, text: string) => {
    reader.write(text);
    if (reader.buffered > maxChars) {
      throw tooLarge(`the SSE event being read at line ${reader.line}`, reader.buffered);
    }
  };

  /**
   * Handles one complete line (without its newline); returns true when the rest of the input is a
   * document (kept whole) or SSE (handed to the SSE reader).
   */
  const onLine = (raw: string, atEnd: boolean): boolean => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return false;
    if (framing === undefined && SSE_LINE.test(line.trimStart())) {
      framing = 'sse';
      sse = new SseJsonReader(sink, options.allowTruncated ?? false, lineNo);
      writeSse(sse, atEnd ? line.trimStart() : `${line.trimStart()}\n`);
      return true;
    }
    const parsed = tryParseJson(line);
    if (parsed.ok) {
      framing ??= atEnd ? 'document' : 'jsonl';
      sink.value(parsed.value, undefined, lineNo);
      return false;
    }
    if (framing === undefined) {
      // A first line broken before its end cannot begin a JSON document: fail now, not after reading it all.
      if (!parsed.site.cutOff) throw jsonErrorAt(parsed.text, parsed.site, lineNo);
      framing = 'document';
      docLine = lineNo;
      appendDoc(atEnd ? raw : `${raw}\n`);
      return true;
    }
    if (atEnd && parsed.site.cutOff) {
      if (options.allowTruncated) return false;
      throw new TruncatedStreamError(
        `the last event at line ${lineNo} is cut off in the middle of a JSON value; ` +
          'pass allowTruncated (--allow-truncated) to analyse the events before it',
      );
    }
    throw jsonErrorAt(parsed.text, parsed.site, lineNo);
  };

  const write = (chunk: string) => {
    if (ended) throw new Error('write() after end()');
    if (decodedEvents) throw new Error('write() after event(): a framer reads text or events, not both');
    if (framing === 'document') return appendDoc(chunk);
    if (sse) return writeSse(sse, chunk);
    if (lineNo === 1 && pending === '' && chunk.startsWith('\ufeff')) chunk = chunk.slice(1);
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
      const line = pending + chunk.slice(start, nl);
      pending = '';
      start = nl + 1;
      const handedOn = onLine(line, false);
      lineNo++;
      if (handedOn && sse) return writeSse(sse, chunk.slice(start));
      if (handedOn) return appendDoc(chunk.slice(start));
    }
    pending += chunk.slice(start);
    if (pending.length > maxChars) {
      throw tooLarge(
        framing === undefined ? 'the input is one JSON document' : `line ${lineNo}`,
        pending.length,
      );
    }
  };

  const end = () => {
    if (ended) return;
    ended = true;
    if (framing !== 'document' && framing !== 'sse' && pending !== '') onLine(pending, true);
    pending = '';
    if (framing === 'document') {
      // A one-line document was already read by onLine.
      if (doc.length > 0) sink.value(parseJsonText(doc.join(''), docLine), undefined, docLine);
      doc.length = 0;
    } else if (sse) {
      sse.end();
    } else if (framing === undefined) {
      throw new EmptyInputError();
    }
  };

  const event = (decoded: DecodedSseEvent) => {
    if (ended) throw new Error('event() after end()');
    if (framing === undefined && pending === '') {
      framing = 'sse';
      sse = new SseJsonReader(sink, options.allowTruncated ?? false, decoded.line);
      decodedEvents = true;
    }
    if (!decodedEvents || !sse)
      throw new Error('event() after write(): a framer reads text or events, not both');
    sse.event(decoded);
  };

  return {
    write,
    event,
    end,
    get framing() {
      return framing;
    },
  };
}
