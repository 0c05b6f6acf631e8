/** Receives the upstream's response text as it passes (the recorder). */
export interface ResponseTap {
  write(text: string): void;
  /** The whole body went through. */
  end(): void;
}

/** What to do with one SSE event's JSON data: keep it, drop the event, or write this value instead. */
export type EventRewrite = (value: unknown) => 'keep' | 'drop' | { value: unknown };

export interface ExchangeTransformOptions {
  /** Rewrites each SSE event; without it the bytes pass unchanged. */
  rewrite?: EventRewrite;
  tap?: ResponseTap;
}

/** Where an SSE event ends: a blank line, in any of the three line-ending styles. */
const EVENT_END = /\r\n\r\n|\n\n|\r\r/g;

/**
 * The response body on its way to the client. Without `rewrite` every chunk is passed on as it comes;
 * with it, the text is cut into SSE events and each event is rewritten and passed on as soon as its
 * blank line arrives (only an incomplete event waits). The tap sees the upstream's text unchanged.
 */
export function exchangeTransform(
  options: ExchangeTransformOptions,
): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const { rewrite, tap } = options;
  let pending = '';

  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      const text = tap || rewrite ? decoder.decode(chunk, { stream: true }) : '';
      tap?.write(text);
      if (!rewrite) {
        controller.enqueue(chunk);
        return;
      }
      pending += text;
      // A trailing "\r" may be the first half of "\r\n": wait for the next chunk to decide.
      const searchable = pending.endsWith('\r') ? pending.slice(0, -1) : pending;
      let out = '';
      let start = 0;
      for (const match of searchable.matchAll(EVENT_END)) {
        out += rewriteEvent(pending.slice(start, match.index), match[0], rewrite);
        start = match.index + match[0].length;
      }
      pending = pending.slice(start);
      if (out !== '') controller.enqueue(encoder.encode(out));
    },
    flush(controller) {
      const rest = tap || rewrite ? decoder.decode() : '';
      tap?.write(rest);
      if (rewrite) {
        // An event without its blank line at the very end is passed on as it came.
        pending += rest;
        if (pending !== '') controller.enqueue(encoder.encode(pending));
      }
      tap?.end();
    },
  });
}

/** One event (without its blank line) rewritten; '' when it is dropped. */
function rewriteEvent(event: string, end: string, rewrite: EventRewrite): string {
  const lines = event.split(/\r\n|\n|\r/);
  const dataLines = lines.filter((line) => line.startsWith('data:'));
  if (dataLines.length === 0) return event + end;
  const data = dataLines.map((line) => line.slice(line.startsWith('data: ') ? 6 : 5)).join('\n');
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return event + end; // [DONE], or not JSON: as it came
  }
  const result = rewrite(value);
  if (result === 'keep') return event + end;
  if (result === 'drop') return '';
  const newline = end.slice(0, end.length / 2);
  const kept: string[] = [];
  let placed = false;
  for (const line of lines) {
    if (!line.startsWith('data:')) kept.push(line);
    else if (!placed) {
      kept.push(`data: ${JSON.stringify(result.value)}`);
      placed = true;
    }
  }
  return kept.join(newline) + end;
}
