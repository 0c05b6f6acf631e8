import type { RunStreamEvent } from '@tokenscope/core';
import { createParser } from 'eventsource-parser';

/**
 * Reads a `text/event-stream` body of RunStreamEvents and calls `onEvent` for each, in order. The event
 * name is the event's `type` when its data does not carry one. Resolves when the body ends.
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: RunStreamEvent) => void,
): Promise<void> {
  let failure: unknown;
  const parser = createParser({
    onEvent(message) {
      if (failure !== undefined) return;
      try {
        const data = JSON.parse(message.data) as Record<string, unknown>;
        const type = typeof data.type === 'string' ? data.type : message.event;
        onEvent({ ...data, type } as RunStreamEvent);
      } catch (error) {
        failure = error;
      }
    },
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        parser.feed(decoder.decode());
        break;
      }
      parser.feed(decoder.decode(value, { stream: true }));
      if (failure !== undefined) throw failure;
    }
    if (failure !== undefined) throw failure;
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  }
}
