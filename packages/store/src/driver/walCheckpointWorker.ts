/** The worker thread of `WalCheckpointer`: its own connection, one PASSIVE checkpoint per message. */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, busyTimeoutMs } = workerData as { file: string; busyTimeoutMs: number };
const db = new Database(file, { fileMustExist: true, timeout: busyTimeoutMs });
db.pragma('synchronous = FULL');
const port = parentPort!;
port.on('message', (message: 'checkpoint' | 'close') => {
  if (message === 'close') {
    db.close();
    port.close();
    return;
  }
  port.postMessage(db.pragma('wal_checkpoint(PASSIVE)'));
});
