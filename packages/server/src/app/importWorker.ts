/** The worker thread entry of large imports (`importInWorker`): runs `encodeImport` per message. */
import '@tokenscope/core/names'; // the worker's analyses find names as the server's do
import { serveTasks } from '../worker/serveTasks.js';
import { encodeImport } from './importedRun.js';

serveTasks(encodeImport, ({ answer }) =>
  // move the answer's bytes rather than copy them, when they are a buffer of their own
  answer.byteOffset === 0 && answer.byteLength === answer.buffer.byteLength
    ? [answer.buffer as ArrayBuffer]
    : [],
);
