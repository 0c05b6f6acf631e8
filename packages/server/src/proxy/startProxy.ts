import { isLoopbackHostname } from '../app/guardApiRequest.js';
import { listenOn } from '../listenOn.js';
import type { RunningServer } from '../startServer.js';
import { createProxyApp, type ProxyOptions } from './createProxyApp.js';

export interface ProxyServerOptions extends ProxyOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Port (default 0: any free port; `url` says which). */
  port?: number;
}

/**
 * Starts the recording proxy on a socket; its OpenAI base URL is `url` + `/v1`. On a loopback address
 * it answers only requests for loopback host names (`loopbackHostOnly`), as `startServer` does.
 */
export function startProxy(options: ProxyServerOptions): Promise<RunningServer> {
  // saves under way: close() waits for them, so a run answered just before a shutdown is not lost
  const saving = new Set<Promise<void>>();
  const host = options.host ?? '127.0.0.1';
  const app = createProxyApp({
    ...options,
    loopbackHostOnly: options.loopbackHostOnly ?? isLoopbackHostname(host.includes(':') ? `[${host}]` : host),
    trackSave: (save) => {
      saving.add(save);
      void save.finally(() => saving.delete(save));
    },
  });
  return listenOn(app.fetch, host, options.port ?? 0, async () => {
    await Promise.allSettled([...saving]);
    await options.telemetry?.shutdown(); // spans still in the batch are exported
  });
}
