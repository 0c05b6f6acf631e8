/**
 * Small real HTTP servers (node:http on 127.0.0.1) that behave like servers the probe must see
 * through: LM Studio (accepts logprobs and returns none) and an OpenAI reasoning model (refuses any
 * request that asks for logprobs).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestServer {
  /** Base URL including `/v1`. */
  baseURL: string;
  /** Bodies of the POST requests received, in order (with their path). */
  received: Array<{ path: string; body: Record<string, unknown>; authorization: string | undefined }>;
  close(): Promise<void>;
}

/** OpenAI's refusal for reasoning models (status 403). */
export const REASONING_REFUSAL = 'You are not allowed to request logprobs from this model';

type Handler = (path: string, body: Record<string, unknown>, res: ServerResponse) => void;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
    });
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

function notFound(res: ServerResponse, method: string, path: string): void {
  json(res, 404, {
    error: { message: `Unexpected endpoint or method. (${method} ${path})`, type: 'invalid_request_error' },
  });
}

/** A chat completion of "Hello there" without logprobs (what LM Studio sends back). */
function chatAnswer(model: string) {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1_763_800_000,
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: 'Hello there' },
        logprobs: null,
        finish_reason: 'length',
      },
    ],
    usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
  };
}

function chatStream(res: ServerResponse, model: string): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const [content, finish] of [
    ['Hello', null],
    [' there', null],
    ['', 'length'],
  ] as const) {
    const chunk = {
      id: 'chatcmpl-1',
      object: 'chat.completion.chunk',
      created: 1_763_800_000,
      model,
      choices: [
        { index: 0, delta: content === '' ? {} : { content }, logprobs: null, finish_reason: finish },
      ],
    };
    res.write(`data: ${JSON.stringify(chunk)}\n\n`);
  }
  res.end('data: [DONE]\n\n');
}

function completionAnswer(model: string) {
  return {
    id: 'cmpl-1',
    object: 'text_completion',
    created: 1_763_800_000,
    model,
    choices: [{ index: 0, text: ' there', logprobs: null, finish_reason: 'length' }],
  };
}

/** The key the reasoning-like server wants, as `Authorization: Bearer <key>`. */
export const TEST_API_KEY = 'sk-probe-secret';

async function start(models: string[], handle: Handler, apiKey?: string): Promise<TestServer> {
  const received: TestServer['received'] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const method = req.method ?? 'GET';
      const url = req.url ?? '/';
      if (!url.startsWith('/v1/')) {
        notFound(res, method, url);
        return;
      }
      const path = url.slice('/v1'.length);
      if (apiKey !== undefined && req.headers.authorization !== `Bearer ${apiKey}`) {
        json(res, 401, {
          error: {
            message: 'Incorrect API key provided.',
            type: 'invalid_request_error',
            code: 'invalid_api_key',
          },
        });
        return;
      }
      if (method === 'GET' && path === '/models') {
        json(res, 200, {
          object: 'list',
          data: models.map((id) => ({ id, object: 'model', owned_by: 'test' })),
        });
        return;
      }
      const text = await readBody(req);
      const body = (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
      received.push({ path, body, authorization: req.headers.authorization });
      handle(path, body, res);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    received,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Like LM Studio: chat and completions accept `logprobs` (and everything else) and return none. */
export function startLmStudioLike(): Promise<TestServer> {
  return start(['qwen2.5-7b-instruct'], (path, body, res) => {
    const model = String(body.model);
    if (path === '/chat/completions') {
      if (body.stream === true) chatStream(res, model);
      else json(res, 200, chatAnswer(model));
    } else if (path === '/completions') {
      json(res, 200, completionAnswer(model));
    } else {
      notFound(res, 'POST', `/v1${path}`);
    }
  });
}

/**
 * Like an OpenAI reasoning model: 403 for any chat request asking for logprobs, answers without
 * them; every request needs `Authorization: Bearer sk-probe-secret` (else 401).
 */
export function startReasoningLike(): Promise<TestServer> {
  return start(
    ['o3-mini', 'gpt-4o-mini'],
    (path, body, res) => {
      const asksLogprobs =
        body.logprobs !== undefined || body.top_logprobs !== undefined || body.include !== undefined;
      if (path !== '/chat/completions') {
        notFound(res, 'POST', `/v1${path}`);
      } else if (asksLogprobs) {
        json(res, 403, {
          error: { message: REASONING_REFUSAL, type: 'invalid_request_error', param: null, code: null },
        });
      } else {
        json(res, 200, chatAnswer(String(body.model)));
      }
    },
    TEST_API_KEY,
  );
}
