import { UpstreamStreamError } from './UpstreamStreamError.js';

/**
 * The upstream's body, read chunk by chunk as the client reads: a failure becomes one
 * `UpstreamStreamError` naming the upstream, and a client that goes away cancels the upstream read.
 */
export function guardUpstreamBody(
  body: ReadableStream<Uint8Array>,
  upstream: string,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          controller.error(new UpstreamStreamError(upstream, error));
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
