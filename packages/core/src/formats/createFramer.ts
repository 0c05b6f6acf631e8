import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';
import { EmptyInputError } from '../errors/EmptyInputError.js';
import { InputTooLargeError } from '../errors/InputTooLargeError.js';
import { TruncatedStreamError } from '../errors/TruncatedStreamError.js';
import { jsonErrorAt, parseJsonText, tryParseJson } from './parseJsonText.js';

/** How the input is framed, as detected from its first non-blank line. */
export type Framing = 'sse' | 'jsonl' | 'document';

/** Receives what the framer reads. */
export interface FramerSink {
  /** One JSON value: the whole document, one JSON line, or one SSE event's data. `line` is 1-based. */
  value(value: unknown, event: string | undefined, line: number): void;
  /** The SSE `data: [DONE]` marker. */
  done(): void;
}

export interface FramerOptions {
  /** Largest whole JSON document accepted, in characters (default 64 MiB). Streams have no limit. */
  maxDocumentChars?: number;
  /** Drop a last stream line / event that is cut off in the middle of a JSON value instead of throwing. */
  allowTruncated?: boolean;
}

/** Turns text, written in chunks cut anywhere, into JSON values. */
export interface Framer {
  write(chunk: string): void;
  /** Ends the input; throws on empty input, an unfinished document or a cut-off last line. */
  end(): void;
  /** The framing, once the first non-blank line has been seen. */
  readonly framing: Framing | undefined;
}

export const DEFAULT_MAX_DOCUMENT_CHARS = 64 * 1024 * 1024;

const SSE_LINE = /^(data|event|id|retry)\s*:|^:/;

/**
 * Creates an incremental framer. The first non-blank line decides the framing: an SSE field or comment
 * means SSE (parsed with `eventsource-parser`); a line that is a complete JSON value means JSON lines
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
  let sse: SseReader | undefined;

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

  /** Handles one complete line (without its newline); returns true when the rest is a document. */
  const onLine = (raw: string, atEnd: boolean): boolean => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (framing === 'sse') {
      sse!.line(line, lineNo);
      return false;
    }
    if (line.trim() === '') return false;
    if (framing === undefined && SSE_LINE.test(line.trimStart())) {
      framing = 'sse';
      sse = new SseReader(sink, options.allowTruncated ?? false);
      sse.line(line.trimStart(), lineNo);
      return false;
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
    if (framing === 'document') return appendDoc(chunk);
    if (lineNo === 1 && pending === '' && chunk.startsWith('\ufeff')) chunk = chunk.slice(1);
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
      const line = pending + chunk.slice(start, nl);
      pending = '';
      start = nl + 1;
      const isDocument = onLine(line, false);
      lineNo++;
      if (isDocument) return appendDoc(chunk.slice(start));
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
    if (framing !== 'document' && pending !== '') onLine(pending, true);
    pending = '';
    if (framing === 'document') {
      // A one-line document was already read by onLine.
      if (doc.length > 0) sink.value(parseJsonText(doc.join(''), docLine), undefined, docLine);
      doc.length = 0;
    } else if (framing === 'sse') {
      sse!.end(lineNo);
    } else if (framing === undefined) {
      throw new EmptyInputError();
    }
  };

  return {
    write,
    end,
    get framing() {
      return framing;
    },
  };
}

/** Feeds SSE lines to `eventsource-parser` and parses each event's data as JSON. */
class SseReader {
  private readonly parser: EventSourceParser;
  private dataLine = 0;
  /** Whether the current event's first data line is a whole JSON value (events without blank lines). */
  private firstWhole = false;
  private atEnd = false;
  private events = 0;

  constructor(
    private readonly sink: FramerSink,
    private readonly allowTruncated: boolean,
  ) {
    this.parser = createParser({ onEvent: (event) => this.onEvent(event) });
  }

  line(line: string, lineNo: number): void {
    if (line.startsWith('data')) this.checkData(line, lineNo);
    this.parser.feed(`${line}\n`);
  }

  /**
   * Fails an event as soon as one of its data lines shows it cannot be JSON, instead of when its blank
   * line comes: a stream of junk lines without blank lines would otherwise be read to its end first.
   */
  private checkData(line: string, lineNo: number): void {
    const first = this.dataLine === 0;
    if (first) this.dataLine = lineNo;
    else if (!this.firstWhole) return;
    const value = line.startsWith('data: ') ? line.slice(6) : line.startsWith('data:') ? line.slice(5) : '';
    if (value.trim() === '' || value.trim() === '[DONE]') return;
    const parsed = tryParseJson(value);
    if (first) this.firstWhole = parsed.ok;
    // A value broken before its end stays broken whatever lines follow it.
    if (!parsed.ok && !parsed.site.cutOff) throw jsonErrorAt(parsed.text, parsed.site, lineNo);
  }

  end(lineNo: number): void {
    this.atEnd = true;
    this.parser.feed('\n');
    if (this.events === 0)
      throw new EmptyInputError(`the SSE stream ending at line ${lineNo} has no data events`);
  }

  private onEvent(message: EventSourceMessage): void {
    const line = this.dataLine;
    this.dataLine = 0;
    this.firstWhole = false;
    const data = message.data;
    if (data.trim() === '') return;
    this.events++;
    if (data.trim() === '[DONE]') {
      this.sink.done();
      return;
    }
    const parsed = tryParseJson(data);
    if (parsed.ok) {
      this.sink.value(parsed.value, message.event, line);
      return;
    }
    // Events written without the blank line between them arrive as one event of several data lines.
    const parts = data.split('\n').map((part) => tryParseJson(part));
    if (parts.length > 1 && parts.every((p) => p.ok)) {
      parts.forEach((p, i) => {
        if (p.ok) this.sink.value(p.value, message.event, line + i);
      });
      return;
    }
    if (this.atEnd && parsed.site.cutOff) {
      if (this.allowTruncated) return;
      throw new TruncatedStreamError(
        `the last event at line ${line} is cut off in the middle of a JSON value; ` +
          'pass allowTruncated (--allow-truncated) to analyse the events before it',
      );
    }
    throw jsonErrorAt(parsed.text, parsed.site, line);
  }
}
