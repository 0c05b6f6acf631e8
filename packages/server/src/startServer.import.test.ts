import { request } from 'node:http';
import { parseResponse, type RunRecord } from '@tokenscope/core';
import { afterEach, describe, expect, it } from 'vitest';
import { closeTestStores, testServices } from '../test/appServices.js';
import { fakeEngine } from '../test/fakeEngine.js';
import { WORKER_IMPORT_BYTES } from './app/importInWorker.js';
import { type RunningServer, startServer } from './startServer.js';

// Large imports are parsed on a worker thread (the one built in dist/, by `tsc -b packages/cli`).

const servers: RunningServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  await closeTestStores();
});

/** An OpenAI chat stream of `count` tokens with `top` alternatives each (about 1.1 KB a token at top-20). */
function chatStream(count: number, top: number): string {
  const events: string[] = [];
  for (let i = 0; i < count; i++) {
    const token = i % 7 === 6 ? '.' : ` w${i % 13}`;
    const logprob = -(5 + (i % 9)) / 10; // with the alternatives below, a probability mass under 1
    const alternatives = [{ token, logprob, bytes: null }];
    for (let k = 1; k < top; k++)
      alternatives.push({ token: ` a${k}`, logprob: logprob - k - 1, bytes: null });
    const chunk = {
      id: 'chatcmpl-big',
      object: 'chat.completion.chunk',
      model: 'gpt-4o-mini',
      choices: [
        {
          index: 0,
          delta: { content: token },
          logprobs: { content: [{ token, logprob, bytes: null, top_logprobs: alternatives }] },
          finish_reason: null,
        },
      ],
    };
    events.push(`data: ${JSON.stringify(chunk)}\n\n`);
  }
  const last = {
    id: 'chatcmpl-big',
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
  };
  return `${events.join('')}data: ${JSON.stringify(last)}\n\ndata: [DONE]\n\n`;
}

/** Megabytes of chat chunks without logprobs: the parser reads them all, then refuses the file. */
function junk(bytes: number): string {
  const line = 'data: {"choices":[{"index":0,"delta":{"content":"a"}}]}\n\n';
  return line.repeat(Math.ceil(bytes / line.length));
}

/**
 * Posts `body` to /api/import and, once the whole body is written to the socket (the server is then
 * reading or parsing it), asks GET /v1/models three times, one after another. Answers the import's
 * status and text and whether all three /v1/models answers came before the import's.
 */
async function importWhileProbing(server: RunningServer, body: string, query = 'name=big.sse.txt') {
  let imported = false;
  let flushed!: () => void;
  const written = new Promise<void>((resolve) => {
    flushed = resolve;
  });
  const importing = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      `${server.url}/api/import?${query}`,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/octet-stream',
          'Content-Length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          imported = true;
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body, flushed);
  });
  await written;
  let probesFirst = true;
  for (let i = 0; i < 3; i++) {
    const res = await fetch(`${server.url}/v1/models`);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    if (imported) probesFirst = false;
  }
  return { ...(await importing), probesFirst };
}

describe('large imports do not hold up other requests', () => {
  it('answers /v1/models while a multi-MB junk import is parsed, then the import with the parser 400', async () => {
    const server = await startServer({ engines: [fakeEngine()], app: await testServices() });
    servers.push(server);
    const body = junk(6_000_000);
    const result = await importWhileProbing(server, body);
    expect(result.status).toBe(400);
    const error = (JSON.parse(result.text) as { error: { code: string; message: string; type: string } })
      .error;
    expect(error.type).toBe('invalid_request_error');
    expect(() => parseResponse(body)).toThrow(error.message);
    let code: unknown;
    try {
      parseResponse(body);
    } catch (thrown) {
      code = (thrown as { code?: unknown }).code;
    }
    expect(error.code).toBe(code);
    // while parsing blocked the thread, /v1/models was answered after the import; now before
    expect(result.probesFirst).toBe(true);
  });

  it('answers /v1/models while a multi-MB valid import is parsed and saved; the run is stored whole', async () => {
    const server = await startServer({ engines: [fakeEngine()], app: await testServices() });
    servers.push(server);
    const body = chatStream(4_000, 20);
    expect(body.length).toBeGreaterThan(4_000_000);
    const result = await importWhileProbing(server, body);
    expect(result.status, result.text.slice(0, 300)).toBe(201);
    const run = JSON.parse(result.text) as RunRecord;
    expect(run.source).toBe('import');
    expect(run.fileName).toBe('big.sse.txt');
    expect(run.title).toBe('big');
    expect(run.response).toEqual(parseResponse(body));
    expect(run.summary.tokens).toBe(4_000);
    const stored = (await (await fetch(`${server.url}/api/runs/${run.id}`)).json()) as RunRecord;
    expect(stored).toEqual(run);
    expect(result.probesFirst).toBe(true);
  });

  it("answers a large file that is not the format named by 'from' with the parser's 400", async () => {
    const server = await startServer({ engines: [fakeEngine()], app: await testServices() });
    servers.push(server);
    const body = chatStream(400, 20);
    expect(body.length).toBeGreaterThan(WORKER_IMPORT_BYTES);
    const res = await fetch(`${server.url}/api/import?from=gemini`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body,
    });
    expect(res.status, await res.clone().text()).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(() => parseResponse(body, { from: 'gemini' })).toThrow(error.message);
    expect(error.code).toBe('format_mismatch');
  });
});
