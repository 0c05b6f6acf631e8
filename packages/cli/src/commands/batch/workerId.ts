/**
 * A batch worker's id: `host/pid/random`. Another worker on the same host can tell from it whether
 * the process is gone (a `kill -9`), and end its leases at once instead of waiting for them to run out.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

export function newWorkerId(): string {
  return `${hostname()}/${process.pid}/${randomBytes(3).toString('hex')}`;
}

/** True when `worker` names a process of this host that no longer exists. */
export function isDeadLocalWorker(worker: string): boolean {
  const [host, pidText] = worker.split('/');
  if (host !== hostname() || pidText === undefined) return false;
  const pid = Number(pidText);
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
