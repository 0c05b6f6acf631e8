import { isLoopbackHostname } from './app/guardApiRequest.js';
import { type AppOptions, createApp } from './createApp.js';
import { listenOn } from './listenOn.js';

export { DEFAULT_STALL_TIMEOUT_MS } from './node/abortStalledResponses.js';

export interface ServerOptions extends AppOptions {
  /** Interface to listen on (default 127.0.0.1: only this machine). */
  host?: string;
  /** Port (default 0: any free port; `url` says which). */
  port?: number;
  /**
   * How long a response (a stream above all) may wait for a client that stopped reading without
   * closing, once the socket's buffers are full, before it is aborted and its generation with it, so
   * that the engine is free for other requests (default 10 000 ms; 0: wait forever).
   */
  stallTimeoutMs?: number;
  /** Called when a response is aborted because its client stopped reading (default: none). */
  onStall?: (request: { method: string; path: string }) => void;
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
 * answer only requests for loopback host names (`loopbackHostOnly`). Every answer is OpenAI-shaped, also
 * Node's own (431, 400: see `serveNode`); a client that stops reading is cut off after `stallTimeoutMs`.
 */
export function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const app = createApp({
    ...options,
    loopbackHostOnly: options.loopbackHostOnly ?? isLoopbackHostname(host.includes(':') ? `[${host}]` : host),
  });
  const telemetry = options.telemetry;
  // spans still in the batch are exported before close() resolves
  const afterClose = telemetry && (() => telemetry.shutdown());
  return listenOn(app.fetch, host, options.port ?? 0, afterClose, {
    ...(options.stallTimeoutMs === undefined ? {} : { stallTimeoutMs: options.stallTimeoutMs }),
    ...(options.onStall === undefined ? {} : { onStall: options.onStall }),
  });
}
