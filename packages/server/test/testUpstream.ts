import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Core's recorded responses and the providers' documented examples (see SOURCES.md there). */
export const FIXTURES = new URL('../../core/src/formats/__fixtures__/', import.meta.url);

/** A fixture file's bytes, as recorded. */
export function fixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

/** The SSE events of a text, each with its blank line. */
export function sseEvents(text: string): string[] {
  return text.split(/(?<=\n\n)/).filter((e) => e.trim() !== '');
}

/** A request the upstream received. */
export interface UpstreamRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Resolves when the client side of this request closed the connection before the answer ended. */
  closedEarly: Promise<void>;
}

export type UpstreamHandler = (request: UpstreamRequest, res: ServerResponse) => void | Promise<void>;

export interface TestUpstream {
  /** Base URL without `/v1`. */
  url: string;
  requests: UpstreamRequest[];
  /** Replaces the handler. */
  handle(handler: UpstreamHandler): void;
  close(): Promise<void>;
}

/** A promise with its resolver: the test's signal to an upstream that waits. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/**
 * A real HTTP server on 127.0.0.1 for what the real engine server cannot do on demand: replay a
 * recording byte for byte, hold a stream half-way until the test says so, refuse, or cut the line.
 */
export async function startTestUpstream(handler: UpstreamHandler): Promise<TestUpstream> {
  let current = handler;
  const requests: UpstreamRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const closedEarly = new Promise<void>((resolve) => {
      res.once('close', () => {
        if (!res.writableFinished) resolve();
      });
    });
    const request: UpstreamRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      closedEarly,
    };
    requests.push(request);
    await current(request, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle: (next) => {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
