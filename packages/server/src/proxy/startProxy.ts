import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { RunningServer } from '../startServer.js';
import { createProxyApp, type ProxyOptions } from './createProxyApp.js';

export interface ProxyServerOptions extends ProxyOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Port (default 0: any free port; `url` says which). */
  port?: number;
}

/** Starts the recording proxy on a socket; its OpenAI base URL is `url` + `/v1`. */
export function startProxy(options: ProxyServerOptions): Promise<RunningServer> {
  // saves under way: close() waits for them, so a run answered just before a shutdown is not lost
  const saving = new Set<Promise<void>>();
  const app = createProxyApp({
    ...options,
    trackSave: (save) => {
      saving.add(save);
      void save.finally(() => saving.delete(save));
    },
  });
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, hostname: options.host ?? '127.0.0.1', port: options.port ?? 0 },
      (info: AddressInfo) => {
        server.off('error', reject);
        const shown = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${shown}:${info.port}`,
          close: async () => {
            await new Promise<void>((done, fail) => {
              server.close((error) => (error ? fail(error) : done()));
              if ('closeAllConnections' in server) server.closeAllConnections();
            });
            await Promise.allSettled([...saving]);
          },
        });
      },
    );
    server.once('error', reject);
  });
}
