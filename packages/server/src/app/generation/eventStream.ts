import type { RunStreamEvent } from '@tokenscope/core';
import { errorAnswer } from '../../errorAnswer.js';

/** Sends one event of the run stream. Does nothing once the client is gone. */
export type SendRunEvent = (event: RunStreamEvent) => void;

const encoder = new TextEncoder();

/**
 * Runs `produce` and streams the events it sends as Server-Sent Events (`event: <type>`, `data: <json>`).
 * An error thrown by `produce` becomes a last `error` event. When the client goes away (the request's
 * signal aborts, or the body stream is cancelled) `produce`'s signal aborts and nothing more is sent.
 * Validate everything that should be a plain JSON error BEFORE calling this.
 */
export function eventStream(
  requestSignal: AbortSignal,
  produce: (send: SendRunEvent, signal: AbortSignal) => Promise<void>,
): Response {
  const controller = new AbortController();
  const onRequestAbort = () => controller.abort(requestSignal.reason);
  if (requestSignal.aborted) onRequestAbort();
  else requestSignal.addEventListener('abort', onRequestAbort, { once: true });
  let closed = false;
  const body = new ReadableStream<Uint8Array>({
    start(stream) {
      const send: SendRunEvent = (event) => {
        if (closed || controller.signal.aborted) return;
        stream.enqueue(encoder.encode(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`));
      };
      const finish = () => {
        requestSignal.removeEventListener('abort', onRequestAbort);
        if (closed) return;
        closed = true;
        stream.close();
      };
      produce(send, controller.signal).then(finish, (error: unknown) => {
        if (!controller.signal.aborted) send({ type: 'error', error: errorAnswer(error).toJSON().error });
        finish();
      });
    },
    cancel(reason) {
      closed = true;
      requestSignal.removeEventListener('abort', onRequestAbort);
      controller.abort(reason ?? new Error('the client stopped reading the stream'));
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
    },
  });
}
