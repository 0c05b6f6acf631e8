import type { AddressInfo } from 'node:net';
import { type FetchCallback, type ServeNodeOptions, serveNode } from './node/serveNode.js';
import type { RunningServer } from './startServer.js';

/** How the server treats its clients (see `serveNode`). */
export type ClientPolicy = Pick<ServeNodeOptions, 'stallTimeoutMs' | 'onStall'>;

/**
 * Serves `fetch` (a Hono app's `fetch`) on `host`:`port` (`serveNode`: Node's HTTP server through
 * @hono/node-server, every answer OpenAI-shaped, stalled readers cut off after
 * `clients.stallTimeoutMs`; port 0: any free one) and resolves once it listens. Rejects with the
 * listen error (`EADDRINUSE` when the port is taken). `close()` ends open connections, then waits for
 * `afterClose` (work still under way).
 */
export function listenOn(
  fetch: FetchCallback,
  host: string,
  port: number,
  afterClose?: () => Promise<unknown>,
  clients: ClientPolicy = {},
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serveNode({ fetch, hostname: host, port, ...clients }, (info: AddressInfo) => {
      server.off('error', reject);
      const shown = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shown}:${info.port}`,
        close: async () => {
          await new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          });
          await afterClose?.();
        },
      });
    });
    server.once('error', reject);
  });
}
