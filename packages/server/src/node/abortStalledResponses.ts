import type { Server, ServerResponse } from 'node:http';

/** How long a response may wait for its client to read before it is aborted, by default: 10 s. */
export const DEFAULT_STALL_TIMEOUT_MS = 10_000;

/**
 * Watches every response of `server` for a client that stopped reading without closing (a paused
 * stream): once a response's writes are held back (`res.write` returned false: the socket's buffers
 * are full) and no `drain` came for `stallMs`, the connection is destroyed. The request's signal then
 * aborts, which aborts the generation behind a stream and frees the engine for other requests.
 * Checked every `min(stallMs / 4, 1 s)`, so a stall ends within `stallMs` plus that. Returns a function
 * that stops watching.
 */
export function abortStalledResponses(
  server: Server,
  stallMs: number,
  onStall?: (request: { method: string; path: string }) => void,
): () => void {
  /** Each open response: what it answers, and since when it has waited for a drain (if it has). */
  const open = new Map<ServerResponse, { method: string; path: string; since?: number }>();
  server.on('request', (req, res: ServerResponse) => {
    const entry: { method: string; path: string; since?: number } = {
      method: req.method ?? '?',
      path: (req.url ?? '').split('?')[0] ?? '',
    };
    open.set(res, entry);
    res.on('drain', () => delete entry.since);
    res.once('finish', () => open.delete(res));
    res.once('close', () => open.delete(res));
  });
  const timer = setInterval(
    () => {
      const now = performance.now();
      for (const [res, entry] of open) {
        if (!res.writableNeedDrain) delete entry.since;
        else if (entry.since === undefined) entry.since = now;
        else if (now - entry.since >= stallMs) {
          open.delete(res);
          onStall?.({ method: entry.method, path: entry.path });
          res.destroy();
        }
      }
    },
    Math.max(5, Math.min(stallMs / 4, 1000)),
  );
  timer.unref();
  return () => clearInterval(timer);
}
