/**
 * Entry point of the child process that `EngineProcess` forks: loads the model with `loadEngine` and
 * runs the calls the parent sends over IPC. A native abort in here (llama.cpp's `std::abort`) kills
 * only this process; the parent sees it exit and restarts it. When the parent goes away the IPC
 * channel closes and this process exits, so it never outlives its parent.
 */
import type { Engine } from '../Engine.js';
import { loadEngine } from '../loadEngine.js';
import type { ChildMessage, HostCall, HostResults, ParentMessage } from './protocol.js';
import { serializeError } from './serializeError.js';

let engine: Engine | undefined;
const running = new Map<number, AbortController>();

function send(message: ChildMessage): void {
  // The channel may already be closed when the parent is gone; there is nobody to tell then.
  if (process.connected) process.send?.(message, undefined, undefined, () => {});
}

async function run(id: number, call: HostCall, signal: AbortSignal): Promise<HostResults[keyof HostResults]> {
  const loaded = engine;
  if (loaded === undefined) throw new Error('the model is not loaded yet');
  switch (call.method) {
    case 'generate':
      return loaded.generate(call.request, {
        signal,
        ...(call.stream ? { onToken: (token) => send({ type: 'token', id, token }) } : {}),
      });
    case 'score':
      return loaded.score(call.text, {
        signal,
        ...(call.topLogprobs === undefined ? {} : { topLogprobs: call.topLogprobs }),
      });
    case 'tokenize':
      return loaded.tokenize(call.text);
    case 'scoreContinuations':
      return loaded.scoreContinuations(call.prefix, call.continuations, {
        signal,
        ...(call.topLogprobs === undefined ? {} : { topLogprobs: call.topLogprobs }),
      });
  }
}

async function handle(message: ParentMessage): Promise<void> {
  switch (message.type) {
    case 'load':
      try {
        const loaded = await loadEngine(message.modelPath, message.options);
        engine = loaded;
        send({ type: 'ready', info: loaded.info });
      } catch (error) {
        send({ type: 'loadFailed', error: serializeError(error) });
      }
      return;
    case 'call': {
      const controller = new AbortController();
      running.set(message.id, controller);
      try {
        const value = await run(message.id, message.call, controller.signal);
        send({ type: 'result', id: message.id, value });
      } catch (error) {
        send({
          type: 'failed',
          id: message.id,
          error: serializeError(error),
          aborted: controller.signal.aborted,
        });
      } finally {
        running.delete(message.id);
      }
      return;
    }
    case 'cancel':
      running.get(message.id)?.abort();
      return;
    case 'close':
      for (const controller of running.values()) controller.abort();
      await engine?.close().catch(() => {});
      send({ type: 'closed' });
      process.disconnect();
      return;
  }
}

process.on('message', (message: ParentMessage) => {
  void handle(message);
});
// Ctrl-C in a terminal reaches the whole process group: the parent decides when this process ends.
process.on('SIGINT', () => {});
process.on('disconnect', () => {
  process.exit(0);
});
