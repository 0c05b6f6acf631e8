import { EmptyInputError } from '../errors/EmptyInputError.js';
import { TruncatedStreamError } from '../errors/TruncatedStreamError.js';
import { createSseDecoder, type SseDecoder, type SseEvent } from './createSseDecoder.js';
import { type JsonParseResult, jsonErrorAt, tryParseJson } from './parseJsonText.js';

/** Receives what an SSE stream holds. */
export interface SseJsonSink {
  /** One event's data as JSON; `line` is 1-based. */
  value(value: unknown, event: string | undefined, line: number): void;
  /** The `data: [DONE]` marker. */
  done(): void;
}

/** What the reader needs of one event that was decoded elsewhere (by an HTTP client's decoder). */
export type DecodedSseEvent = Pick<SseEvent, 'data' | 'event' | 'line'>;

type JsonFailure = Extract<JsonParseResult, { ok: false }>;

/**
 * Reads the JSON data of an SSE stream (decoded by `createSseDecoder`). An event whose first data line
 * is a whole JSON value is read line by line, each line one value as soon as it arrives (streams written
 * without the blank line between events are one such "event", however long); any other event is one
 * JSON value split over its data lines. A data line that cannot begin a JSON value fails the stream at
 * once, without reading the rest of it.
 */
export class SseJsonReader {
  private readonly decoder: SseDecoder;
  /** How the current event is read: each data line one value, or all of them joined into one. */
  private mode: 'lines' | 'joined' | undefined;
  /** A data line of a 'lines' event cut off in the middle of a value: an error unless it ends the stream. */
  private cut: { failure: JsonFailure; line: number } | undefined;
  /** Line of the first data line of the event being read; 0 before it. */
  private firstLine = 0;
  private atEnd = false;
  private events = 0;
  /** The last line of the events handed over whole (`event`). */
  private lastLine = 0;

  constructor(
    private readonly sink: SseJsonSink,
    private readonly allowTruncated: boolean,
    firstLine = 1,
  ) {
    this.decoder = createSseDecoder({
      firstLine,
      onEvent: (event) => this.onEvent(event),
      onData: (value, line, event) => this.onData(value, line, event),
    });
  }

  write(text: string): void {
    this.decoder.write(text);
  }

  /** Characters held: the line being read and the data of a joined event. */
  get buffered(): number {
    return this.decoder.buffered;
  }

  /** Where what is held began: a joined event's first data line, else the line being read. */
  get line(): number {
    return this.mode === 'joined' ? this.firstLine : this.decoder.line;
  }

  /**
   * One event decoded elsewhere: read exactly as if its lines had come through this reader's decoder
   * (each data line parsed once). Not to be mixed with `write`.
   */
  event(event: DecodedSseEvent): void {
    const kept: string[] = [];
    const lines = event.data.split('\n');
    lines.forEach((value, i) => {
      if (!this.onData(value, event.line + i, event.event)) kept.push(value);
    });
    this.lastLine = event.line + lines.length;
    this.onEvent({ data: kept.join('\n'), event: event.event, line: event.line });
  }

  end(): void {
    this.atEnd = true;
    this.decoder.end();
    if (this.events === 0) {
      const line = Math.max(this.decoder.line, this.lastLine);
      throw new EmptyInputError(`the SSE stream ending at line ${line} has no data events`);
    }
  }

  private onData(value: string, line: number, event: string | undefined): boolean {
    if (this.firstLine === 0) this.firstLine = line;
    if (this.mode === 'joined') return false;
    if (this.cut) throw jsonErrorAt(this.cut.failure.text, this.cut.failure.site, this.cut.line);
    const trimmed = value.trim();
    if (trimmed === '') return this.mode === 'lines';
    if (trimmed === '[DONE]') {
      if (this.mode === undefined) {
        this.mode = 'joined';
        return false;
      }
      this.events++;
      this.sink.done();
      return true;
    }
    const parsed = tryParseJson(value);
    if (parsed.ok) {
      this.mode = 'lines';
      this.events++;
      this.sink.value(parsed.value, event, line);
      return true;
    }
    // A value broken before its end stays broken whatever lines follow it.
    if (!parsed.site.cutOff) throw jsonErrorAt(parsed.text, parsed.site, line);
    if (this.mode === undefined) {
      this.mode = 'joined';
      return false;
    }
    this.cut = { failure: parsed, line };
    return true;
  }

  private onEvent(message: DecodedSseEvent): void {
    const { mode, cut } = this;
    this.mode = undefined;
    this.cut = undefined;
    this.firstLine = 0;
    if (mode === 'lines') {
      if (cut) this.cutOff(cut.failure, cut.line);
      return;
    }
    const data = message.data;
    if (data.trim() === '') return;
    this.events++;
    const parsed = data.trim() === '[DONE]' ? undefined : tryParseJson(data);
    if (parsed === undefined) this.sink.done();
    else if (parsed.ok) this.sink.value(parsed.value, message.event, message.line);
    else this.cutOff(parsed, message.line);
  }

  /** An event that is not JSON: dropped or `TruncatedStreamError` when it is cut off at the very end. */
  private cutOff(failure: JsonFailure, line: number): void {
    if (!(this.atEnd && failure.site.cutOff)) throw jsonErrorAt(failure.text, failure.site, line);
    if (this.allowTruncated) return;
    throw new TruncatedStreamError(
      `the last event at line ${line} is cut off in the middle of a JSON value; ` +
        'pass allowTruncated (--allow-truncated) to analyse the events before it',
    );
  }
}
