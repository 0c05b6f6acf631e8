import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReplayServer, startReplayServer } from '../../test/replayServer.js';
import { getAdapter } from '../adapters/getAdapter.js';
import { BadRequestError } from '../errors/BadRequestError.js';
import { LogprobsUnsupportedError } from '../errors/LogprobsUnsupportedError.js';
import type { LogprobRequest, ProviderId } from '../Provider.js';

/** Each provider's refusal, served by a real HTTP server, becomes one `LogprobsUnsupportedError`. */

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(() => server.close());

const openaiError = (message: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ error: { message, type: 'invalid_request_error', param: null, code: null, ...extra } });

interface Refusal {
  name: string;
  provider: ProviderId;
  route: string;
  status: number;
  body: string;
  base?: string;
  request?: Partial<LogprobRequest>;
  stream?: boolean;
  /** Words the suggestion must hold. */
  suggests: string;
}

const REFUSALS: Refusal[] = [
  {
    name: 'OpenAI reasoning model on chat (403)',
    provider: 'openai-chat',
    route: 'POST /v1/chat/completions',
    status: 403,
    body: openaiError('You are not allowed to request logprobs from this model'),
    suggests: 'non-reasoning model',
  },
  {
    name: 'OpenAI reasoning model on chat (400)',
    provider: 'openai-chat',
    route: 'POST /v1/chat/completions',
    status: 400,
    body: openaiError('You are not allowed to request logprobs from this model', { param: 'logprobs' }),
    suggests: 'non-reasoning model',
  },
  {
    name: 'OpenAI Responses on a reasoning model',
    provider: 'openai-responses',
    route: 'POST /v1/responses',
    status: 400,
    body: openaiError("Unsupported parameter: 'include' is not supported with this model.", {
      param: 'include',
      code: 'unsupported_parameter',
    }),
    suggests: 'Responses API',
  },
  {
    name: 'Azure before 2024-03-01-preview',
    provider: 'openai-chat',
    route: 'POST /v1/chat/completions',
    status: 400,
    body: openaiError('Unrecognized request argument supplied: logprobs'),
    suggests: 'api-version',
  },
  {
    name: 'llama.cpp tools + stream',
    provider: 'openai-chat',
    route: 'POST /v1/chat/completions',
    status: 400,
    body: JSON.stringify({
      error: {
        code: 400,
        message: 'logprobs is not supported with tools + stream',
        type: 'invalid_request_error',
      },
    }),
    stream: true,
    suggests: 'without tools',
  },
  {
    name: 'llama.cpp echo',
    provider: 'openai-completions',
    route: 'POST /v1/completions',
    status: 400,
    body: JSON.stringify({
      error: { code: 400, message: 'Only no echo is supported', type: 'invalid_request_error' },
    }),
    request: { echo: true },
    suggests: 'without echo',
  },
  {
    name: 'Ollama top_logprobs range',
    provider: 'ollama',
    route: 'POST /api/chat',
    status: 400,
    body: JSON.stringify({ error: 'top_logprobs must be between 0 and 20' }),
    base: '',
    suggests: 'at most 20',
  },
  {
    name: 'Gemini model without logprobs',
    provider: 'gemini',
    route: 'POST /v1beta/models/m:generateContent',
    status: 400,
    body: JSON.stringify({
      error: {
        code: 400,
        message: 'Logprobs is not supported for the current model.',
        status: 'INVALID_ARGUMENT',
      },
    }),
    base: '/v1beta',
    suggests: 'responseLogprobs',
  },
  {
    name: 'Groq',
    provider: 'openai-chat',
    route: 'POST /v1/chat/completions',
    status: 400,
    body: openaiError('`logprobs` is not supported with this model', { param: 'logprobs' }),
    suggests: 'returns logprobs',
  },
];

const request: LogprobRequest = { model: 'm', messages: [{ role: 'user', content: 'Hi' }] };

describe.each(REFUSALS)('$name', (r) => {
  it('is a LogprobsUnsupportedError naming the provider, the model and what to try', async () => {
    server.route(r.route, { status: r.status, body: r.body });
    const error = (await getAdapter(r.provider)
      .complete(
        { baseURL: `${server.url}${r.base ?? '/v1'}`, apiKey: 'k' },
        { ...request, ...r.request },
        { stream: r.stream ?? false },
      )
      .catch((e: unknown) => e)) as LogprobsUnsupportedError;
    expect(error).toBeInstanceOf(LogprobsUnsupportedError);
    expect(error.code).toBe('logprobs_unsupported');
    expect(error.model).toBe('m');
    expect(error.message).toContain(getAdapter(r.provider).label);
    expect(error.message).toContain('"m"');
    expect(error.suggestion).toContain(r.suggests);
    expect(error.message).not.toContain('\n');
    expect((error.cause as BadRequestError).upstreamStatus).toBe(r.status);
  });
});

const SILENT: Array<{ provider: ProviderId; route: string; file: string; base?: string }> = [
  {
    provider: 'openai-chat',
    route: 'POST /v1/chat/completions',
    file: 'openai-chat.bad-no-logprobs.unrecorded.json',
  },
  {
    provider: 'openai-completions',
    route: 'POST /v1/completions',
    file: 'openai-completions.bad-no-logprobs.recorded.json',
  },
  {
    provider: 'openai-responses',
    route: 'POST /v1/responses',
    file: 'openai-responses.bad-no-logprobs.unrecorded.json',
  },
  { provider: 'ollama', route: 'POST /api/chat', file: 'ollama.bad-no-logprobs.unrecorded.json', base: '' },
  { provider: 'tgi', route: 'POST /generate', file: 'tgi.bad-no-details.unrecorded.json', base: '' },
  {
    provider: 'gemini',
    route: 'POST /v1beta/models/m:generateContent',
    file: 'gemini.bad-no-logprobs-result.unrecorded.json',
    base: '/v1beta',
  },
];

describe.each(SILENT)('$provider answering without logprobs ($file)', (s) => {
  it('is reported the same way', async () => {
    server.route(s.route, { file: s.file });
    const error = (await getAdapter(s.provider)
      .complete({ baseURL: `${server.url}${s.base ?? '/v1'}` }, request)
      .catch((e: unknown) => e)) as LogprobsUnsupportedError;
    expect(error).toBeInstanceOf(LogprobsUnsupportedError);
    expect(error.message).toContain('answered without logprobs');
    expect(error.message).toContain('"m"');
  });
});

it('leaves other client errors alone', async () => {
  server.route('POST /v1/chat/completions', { status: 400, body: openaiError('max_tokens is too large') });
  const error = await getAdapter('openai-chat')
    .complete({ baseURL: `${server.url}/v1` }, request)
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BadRequestError);
  expect(error).not.toBeInstanceOf(LogprobsUnsupportedError);
});
