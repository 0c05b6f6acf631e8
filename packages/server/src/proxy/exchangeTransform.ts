import { createSseDecoder } from '@tokenscope/core';

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

/**
 * The response body on its way to the client. Without `rewrite` every chunk is passed on as it comes;
 * with it, the text is read as SSE (core's `createSseDecoder`) and each event is rewritten and passed
 * on as soon as its blank line arrives (only an incomplete event waits; a last one without its blank
 * line is passed on as it came). The tap sees the upstream's text unchanged.
 */
export function exchangeTransform(
  options: ExchangeTransformOptions,
): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  const { rewrite, tap } = options;
  /** Text not passed on yet, and its offset in the whole body. */
  let pending = '';
  let base = 0;
  let out = '';
  /** Moves the text before `offset` from `pending` to `out`, through `edit`. */
  const pass = (offset: number, edit: (text: string) => string = (text) => text) => {
    out += edit(pending.slice(0, offset - base));
    pending = pending.slice(offset - base);
    base = offset;
  };
  const sse =
    rewrite &&
    createSseDecoder({
      onEvent(event) {
        pass(event.start);
        pass(event.end, (text) => rewriteEvent(text, event.data, rewrite));
      },
    });

  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      const text = tap || sse ? decoder.decode(chunk, { stream: true }) : '';
      tap?.write(text);
      if (!sse) {
        controller.enqueue(chunk);
        return;
      }
      pending += text;
      sse.write(text);
      pass(sse.settled);
      if (out !== '') controller.enqueue(encoder.encode(out));
      out = '';
    },
    flush(controller) {
      const rest = tap || sse ? decoder.decode() : '';
      tap?.write(rest);
      if (sse) {
        pending += rest;
        sse.write(rest);
        pass(sse.settled);
        // An event without its blank line at the very end is passed on as it came.
        out += pending;
        if (out !== '') controller.enqueue(encoder.encode(out));
      }
      tap?.end();
    },
  });
}

/** A line of `text` with its line end, in any of the three styles. */
const LINE = /[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g;

const isData = (line: string) => /^data(?::|[\r\n]*$)/.test(line);

/** One event's text (from its first line to its blank line) rewritten; '' when it is dropped. */
function rewriteEvent(text: string, data: string, rewrite: EventRewrite): string {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return text; // [DONE], or not JSON: as it came
  }
  const result = rewrite(value);
  if (result === 'keep') return text;
  if (result === 'drop') return '';
  let placed = false;
  return (text.match(LINE) ?? [])
    .map((line) => {
      if (!isData(line)) return line;
      if (placed) return '';
      placed = true;
      return `data: ${JSON.stringify(result.value)}${/[\r\n]*$/.exec(line)![0]}`;
    })
    .join('');
}
