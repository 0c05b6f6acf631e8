import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

/** Core's recorded / documented provider responses. */
export const FIXTURES_DIR = fileURLToPath(new URL('../../core/src/formats/__fixtures__/', import.meta.url));

/** One answer the replay server gives. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** A fixture file name in `FIXTURES_DIR` (or an absolute path), served byte for byte. */
  file?: string;
  body?: string;
  /** Wait this long before sending the headers (for timeouts). */
  headersDelayMs?: number;
  /** Send the body in pieces (SSE events / lines) with this pause between them. */
  pieceDelayMs?: number;
  /** Send this many bytes of the body, then destroy the socket (a cut connection). */
  cutAfterBytes?: number;
}

/** A request the server received. */
export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface ReplayServer {
  url: string;
  received: Received[];
  /** Replies for `METHOD /path` (the query is ignored), in order; the last one repeats. */
  route(key: string, ...replies: Reply[]): void;
  close(): Promise<void>;
}

function contentType(name: string): string {
  if (name.endsWith('.sse.txt')) return 'text/event-stream';
  if (name.endsWith('.jsonl')) return 'application/x-ndjson';
  if (name.endsWith('.json')) return 'application/json';
  return 'text/plain; charset=utf-8';
}

/** Splits a body into SSE events / lines, keeping every byte. */
function pieces(body: Buffer, type: string): Buffer[] {
  const text = body.toString('utf8');
  const parts = type === 'text/event-stream' ? text.split(/(?<=\n\n)/) : text.split(/(?<=\n)/);
  return parts.map((p) => Buffer.from(p, 'utf8'));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A real HTTP server on 127.0.0.1 that replays recorded responses with their content type and can
 * fail on purpose (status + retry-after, slow headers, cut connections, slow streams).
 */
export async function startReplayServer(): Promise<ReplayServer> {
  const routes = new Map<string, Reply[]>();
  const received: Received[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = raw;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      // keep the text
    }
    received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    const key = `${req.method} ${(req.url ?? '').split('?')[0]}`;
    const queue = routes.get(key);
    const reply = queue && queue.length > 1 ? queue.shift()! : queue?.[0];
    if (!reply) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `no route for ${key}` } }));
      return;
    }
    if (reply.headersDelayMs) await sleep(reply.headersDelayMs);
    if (res.destroyed) return;
    const file = reply.file;
    const payload = file
      ? readFileSync(file.startsWith('/') ? file : `${FIXTURES_DIR}${file}`)
      : Buffer.from(reply.body ?? '', 'utf8');
    const type = file ? contentType(file) : 'application/json';
    res.writeHead(reply.status ?? 200, { 'content-type': type, ...reply.headers });
    if (reply.cutAfterBytes !== undefined) {
      res.write(payload.subarray(0, reply.cutAfterBytes));
      await sleep(20);
      res.socket?.destroy();
      return;
    }
    if (reply.pieceDelayMs) {
      for (const piece of pieces(payload, type)) {
        if (res.destroyed) return;
        res.write(piece);
        await sleep(reply.pieceDelayMs);
      }
      res.end();
      return;
    }
    res.end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    route: (key, ...replies) => {
      routes.set(key, replies);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (a server opened and closed): for connection-refused tests. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
