/** One server-sent event: a block of fields with at least one `data` field, ended by a blank line. */
export interface SseEvent {
  /** The values of its `data` fields joined with "\n" (less those that `onData` took). */
  data: string;
  /** Its `event` field; undefined without one (an EventSource calls that a "message"). */
  event: string | undefined;
  /** Its `id` field; undefined without one. */
  id: string | undefined;
  /** 1-based line of its first `data` field. */
  line: number;
  /** Offset in the input where its block began: just past the blank line before it (0 for the first). */
  start: number;
  /**
   * How many characters of the input were read when it was dispatched: the offset just past its blank
   * line (or the input's length, for a last event without one). Text up to here is this event or before it.
   * When a chunk ends between the "\r" and "\n" of its blank line, the event is dispatched at once and
   * that "\n" counts with the text after it.
   */
  end: number;
}

export interface SseDecoderOptions {
  /** Called with each event, in order, as soon as its blank line has been read. */
  onEvent(event: SseEvent): void;
  /**
   * Sees each `data` value as soon as its line is read, before the event is complete (to fail a broken
   * event at once by throwing, or to use each line as it comes). Returning true takes the value: it is
   * left out of the event's `data` (an event whose values were all taken is dispatched with `data` '').
   * `event` is the event's name as read so far.
   */
  onData?(value: string, line: number, event: string | undefined): boolean;
  /** Line number of the first line written (default 1). */
  firstLine?: number;
}

/** Turns text, written in chunks cut anywhere, into server-sent events. */
export interface SseDecoder {
  write(chunk: string): void;
  /** Ends the input: a last line without its line end is read, a last event without its blank line dispatched. */
  end(): void;
  /** The 1-based number of the line being read. */
  readonly line: number;
  /** Characters held: the line being read and the data of the event being read. */
  readonly buffered: number;
  /**
   * Offset just past the last blank line read: the text before it is finished blocks (events already
   * dispatched, comments, blocks without data); the text after it is the block being read.
   */
  readonly settled: number;
}

const LF = 10;
const COLON = 58;
const SPACE = 32;

/**
 * Creates an incremental decoder of the `text/event-stream` format (WHATWG HTML, "Server-sent events"):
 * lines end with CRLF, LF or CR; a line starting with ":" is a comment; `field: value` (one space after
 * the colon dropped); `data` fields of one event are joined with "\n"; a blank line dispatches the event.
 * Unlike an EventSource it also dispatches a last event that has no blank line after it (on `end()`),
 * and it never reconnects (`retry` is ignored). Pure: no I/O, no timers; text in, events out.
 */
export function createSseDecoder(options: SseDecoderOptions): SseDecoder {
  const { onEvent, onData } = options;
  let lineNo = options.firstLine ?? 1;
  /** Pieces of the line being read (a line may span many chunks). */
  const partial: string[] = [];
  let partialChars = 0;
  /** A chunk ended with CR: a LF at the start of the next one belongs to the same line end. */
  let afterCr = false;
  let read = 0;
  let settled = 0;
  let started = false;
  let ended = false;

  let data: string[] = [];
  let dataChars = 0;
  let hasData = false;
  let dataLine = 0;
  let eventName: string | undefined;
  let id: string | undefined;

  const dispatch = (end: number) => {
    const start = settled;
    settled = end;
    if (hasData) {
      const event: SseEvent = { data: data.join('\n'), event: eventName, id, line: dataLine, start, end };
      data = [];
      dataChars = 0;
      hasData = false;
      dataLine = 0;
      eventName = undefined;
      id = undefined;
      onEvent(event);
    } else {
      eventName = undefined;
      id = undefined;
    }
  };

  const onLine = (text: string, end: number) => {
    const line = lineNo++;
    if (text === '') return dispatch(end);
    if (text.charCodeAt(0) === COLON) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    const value = colon < 0 ? '' : text.slice(text.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1);
    if (field === 'data') {
      if (!hasData) dataLine = line;
      hasData = true;
      if (onData?.(value, line, eventName)) return;
      data.push(value);
      dataChars += value.length;
    } else if (field === 'event') {
      eventName = value;
    } else if (field === 'id') {
      if (!value.includes('\0')) id = value;
    }
  };

  const takePartial = (tail: string): string => {
    if (partial.length === 0) return tail;
    partial.push(tail);
    const text = partial.join('');
    partial.length = 0;
    partialChars = 0;
    return text;
  };

  const write = (input: string) => {
    if (ended) throw new Error('write() after end()');
    let chunk = input;
    if (!started && chunk !== '') {
      started = true;
      if (chunk.charCodeAt(0) === 0xfeff) {
        chunk = chunk.slice(1);
        read++;
      }
    }
    let start = 0;
    if (afterCr && chunk.charCodeAt(0) === LF) start = 1;
    if (chunk !== '') afterCr = false;
    // Next CR and LF positions, each searched again only once passed (one pass over the chunk).
    let cr = chunk.indexOf('\r', start);
    let lf = chunk.indexOf('\n', start);
    while (cr >= 0 || lf >= 0) {
      const at = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
      let next = at + 1;
      if (at === cr) {
        if (next === chunk.length) afterCr = true;
        else if (chunk.charCodeAt(next) === LF) next++;
      }
      onLine(takePartial(chunk.slice(start, at)), read + next);
      start = next;
      if (cr >= 0 && cr < start) cr = chunk.indexOf('\r', start);
      if (lf >= 0 && lf < start) lf = chunk.indexOf('\n', start);
    }
    if (start < chunk.length) {
      partial.push(chunk.slice(start));
      partialChars += chunk.length - start;
    }
    read += chunk.length;
  };

  const end = () => {
    if (ended) return;
    ended = true;
    if (partial.length > 0) onLine(takePartial(''), read);
    dispatch(read);
  };

  return {
    write,
    end,
    get line() {
      return lineNo;
    },
    get buffered() {
      return partialChars + dataChars;
    },
    get settled() {
      return settled;
    },
  };
}
