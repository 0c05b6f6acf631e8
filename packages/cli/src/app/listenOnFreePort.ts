import type { RunningServer } from '@tokenscope/server';
import { PortInUseError } from '../errors/PortInUseError.js';

/** How many ports from the default one on are tried when it is taken. */
export const PORT_ATTEMPTS = 20;

function inUse(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'EADDRINUSE';
}

/**
 * Starts a server (`start`: `startServer`, `startProxy`) on `options.port`; when that port is taken
 * and was not asked for explicitly (`explicit` false), tries the next ones (`PORT_ATTEMPTS` in all).
 * Throws `PortInUseError` when none is free.
 */
export async function listenOnFreePort<O extends { host?: string; port?: number }>(
  start: (options: O) => Promise<RunningServer>,
  options: O,
  explicit: boolean,
): Promise<RunningServer> {
  const first = options.port ?? 0;
  const attempts = explicit || first === 0 ? 1 : Math.min(PORT_ATTEMPTS, 65536 - first);
  for (let i = 0; i < attempts; i++) {
    try {
      return await start({ ...options, port: first + i });
    } catch (error) {
      if (!inUse(error)) throw error;
    }
  }
  const ports = attempts === 1 ? String(first) : `${first} to ${first + attempts - 1}`;
  throw new PortInUseError(options.host ?? '127.0.0.1', ports);
}
