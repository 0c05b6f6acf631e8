/**
 * The worker side of `WorkerPool`: answers every message from the parent with `task(message)`'s
 * value (the buffers `transfer` names are moved, not copied) or, when it throws, with the error as
 * plain data (`toErrorData`).
 */
import { parentPort } from 'node:worker_threads';
import { toErrorData } from './toErrorData.js';
import type { TaskAnswer } from './WorkerPool.js';

export function serveTasks<In, Out>(
  task: (input: In) => Out,
  transfer?: (value: Out) => ArrayBuffer[],
): void {
  const port = parentPort;
  if (port === null) throw new Error('serveTasks runs in a worker thread (node:worker_threads)');
  port.on('message', (input: In) => {
    let answer: TaskAnswer<Out>;
    let moved: ArrayBuffer[] = [];
    try {
      const value = task(input);
      answer = { ok: true, value };
      moved = transfer?.(value) ?? [];
    } catch (error) {
      answer = { ok: false, error: toErrorData(error) };
    }
    port.postMessage(answer, moved);
  });
}
