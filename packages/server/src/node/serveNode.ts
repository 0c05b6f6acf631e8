import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, RequestError } from '@hono/node-server';
import { ApiError } from '../ApiError.js';
import { abortStalledResponses, DEFAULT_STALL_TIMEOUT_MS } from './abortStalledResponses.js';
import { answerClientError } from './answerClientError.js';

/** What answers the requests (a Hono app's `fetch`). */
export type FetchCallback = Parameters<typeof getRequestListener>[0];

export interface ServeNodeOptions {
  fetch: FetchCallback;
  hostname: string;
  port: number;
  /** See `abortStalledResponses` (default 10 s; 0: never). */
  stallTimeoutMs?: number;
  /** Called when a response is aborted because its client stopped reading. */
  onStall?: (request: { method: string; path: string }) => void;
}

function jsonAnswer(error: ApiError): Response {
  return new Response(JSON.stringify(error.toJSON()), {
    status: error.status,
    headers: { 'content-type': 'application/json' },
  });
}

/**
 * `serve` of @hono/node-server (a Node HTTP server for a fetch handler, listening on `hostname`:`port`),
 * where every answer is OpenAI-shaped, also those Node or the adapter give with an empty body: a
 * request head over 16 KiB (431), a request Node cannot parse (400), an HTTP/1.1 request without
 * `Host`, a URL or `Host` the adapter refuses (400). A response whose client stopped reading is
 * aborted after `stallTimeoutMs` (`abortStalledResponses`).
 */
export function serveNode(options: ServeNodeOptions, onListening: (info: AddressInfo) => void): Server {
  const handle = getRequestListener(options.fetch, {
    hostname: options.hostname,
    errorHandler: (error) =>
      jsonAnswer(
        error instanceof RequestError
          ? new ApiError(
              400,
              'invalid_request_error',
              `The request's URL or Host header is not valid (${error.message}); send a plain path and the server's host name`,
              { code: 'bad_request' },
            )
          : new ApiError(500, 'server_error', 'the server failed to answer the request', { cause: error }),
      ),
  });
  const server = createServer({ requireHostHeader: false }, (req: IncomingMessage, res: ServerResponse) => {
    if (req.httpVersion === '1.1' && req.headers.host === undefined) {
      const error = new ApiError(
        400,
        'invalid_request_error',
        'An HTTP/1.1 request needs a Host header; send one',
        {
          code: 'bad_request',
        },
      );
      res.writeHead(error.status, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify(error.toJSON()));
      return;
    }
    void handle(req, res);
  });
  server.on('clientError', answerClientError);
  const stallMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
  if (stallMs > 0) server.once('close', abortStalledResponses(server, stallMs, options.onStall));
  server.listen(options.port, options.hostname, () => onListening(server.address() as AddressInfo));
  return server;
}
