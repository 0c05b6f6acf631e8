import { createSseDecoder, type RunStreamEvent } from '@tokenscope/core';

/**
 * Reads a `text/event-stream` body of RunStreamEvents and calls `onEvent` for each, in order. The event
 * name is the event's `type` when its data does not carry one. Resolves when the body ends; rejects on
 * data that is not JSON.
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: RunStreamEvent) => void,
): Promise<void> {
  const decoder = createSseDecoder({
    onEvent(message) {
      const data = JSON.parse(message.data) as Record<string, unknown>;
      const type = typeof data.type === 'string' ? data.type : message.event;
      onEvent({ ...data, type } as RunStreamEvent);
    },
  });
  const reader = body.getReader();
  const text = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      decoder.write(text.decode(value, { stream: true }));
    }
    // No decoder.end(): an event without its blank line was cut off, and is dropped (the caller then
    // says the stream ended early).
    decoder.write(text.decode());
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  }
}
