import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { isLoopbackHostname } from './app/guardApiRequest.js';
import { type AppOptions, createApp } from './createApp.js';

export interface ServerOptions extends AppOptions {
  /** Interface to listen on (default 127.0.0.1: only this machine). */
  host?: string;
  /** Port (default 0: any free port; `url` says which). */
  port?: number;
}

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8080` (the OpenAI client's `baseURL` is this plus `/v1`). */
  url: string;
  /** Stops listening, ends open connections and resolves when the server is closed. */
  close(): Promise<void>;
}

/**
 * Starts the OpenAI-compatible API on a socket (Node's HTTP server through @hono/node-server); with
 * `app`, also the web app's `/api` and the web app at `/`. On a loopback address, `/v1` and `/api`
 * answer only requests for loopback host names (`loopbackHostOnly`).
 */
export function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const app = createApp({
    ...options,
    loopbackHostOnly: options.loopbackHostOnly ?? isLoopbackHostname(host.includes(':') ? `[${host}]` : host),
  });
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, hostname: host, port: options.port ?? 0 },
      (info: AddressInfo) => {
        server.off('error', reject);
        const shown = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${shown}:${info.port}`,
          close: () =>
            new Promise<void>((done, fail) => {
              server.close((error) => (error ? fail(error) : done()));
              if ('closeAllConnections' in server) server.closeAllConnections();
            }),
        });
      },
    );
    server.once('error', reject);
  });
}
