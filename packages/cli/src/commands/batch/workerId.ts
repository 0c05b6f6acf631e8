/**
 * A batch worker's id: `host/pid/random`, where `host` is the host name with a short hash of the
 * kernel's boot id and the process's PID namespace. Another worker with the same `host` part runs
 * on the same kernel in the same PID namespace, so it can tell from the pid whether the process is
 * gone (a `kill -9`) and end its leases at once instead of waiting for them to run out. Containers
 * that share a host name but not a PID namespace get different `host` parts, and then only wait.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

let cachedHost: string | undefined;

/** This process's `host` part. */
export function workerHost(): string {
  if (cachedHost === undefined) {
    const parts = [read(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim())];
    parts.push(read(() => readlinkSync('/proc/self/ns/pid')));
    const where = createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 8);
    cachedHost = `${hostname().replaceAll('/', '_')}@${where}`;
  }
  return cachedHost;
}

function read(get: () => string): string {
  try {
    return get();
  } catch {
    return ''; // not Linux: the host name alone
  }
}

export function newWorkerId(): string {
  return `${workerHost()}/${process.pid}/${randomBytes(3).toString('hex')}`;
}

/** True when `worker` names a process of this host (and PID namespace) that no longer exists. */
export function isDeadLocalWorker(worker: string): boolean {
  const [host, pidText] = worker.split('/');
  if (host !== workerHost() || pidText === undefined) return false;
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
