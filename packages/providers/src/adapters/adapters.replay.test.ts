import { readFileSync } from 'node:fs';
import { type FormatId, parseResponse, type Token } from '@tokenscope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR, type ReplayServer, startReplayServer } from '../../test/replayServer.js';
import type { LogprobRequest, ProviderId } from '../Provider.js';
import { getAdapter } from './getAdapter.js';

/**
 * Every adapter against a real HTTP server replaying core's fixtures byte for byte (recorded responses
 * where they exist, the documented examples otherwise): the result equals core's parse of the same
 * bytes, streamed or not, and the request carries the provider's logprob parameters.
 */

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(() => server.close());

interface Case {
  provider: ProviderId;
  route: string;
  file: string;
  from: FormatId;
  stream: boolean;
  request: LogprobRequest;
  /** Parameters the request body must hold. */
  sends: Record<string, unknown>;
  base?: string;
}

const chat: LogprobRequest = { model: 'm', messages: [{ role: 'user', content: 'Hi' }], topLogprobs: 3 };
const prompt: LogprobRequest = { model: 'm', prompt: 'Hi', topLogprobs: 3 };

const CASES: Case[] = [
  {
    provider: 'openai-chat',
    route: 'POST /v1/chat/completions',
    file: 'openai-chat.stream-emoji.unrecorded.sse.txt',
    from: 'openai-chat',
    stream: true,
    request: chat,
    sends: { logprobs: true, top_logprobs: 3, stream: true, stream_options: { include_usage: true } },
  },
  {
    provider: 'openai-chat',
    route: 'POST /v1/chat/completions',
    file: 'openai-chat.seed003.recorded.json',
    from: 'openai-chat',
    stream: false,
    request: chat,
    sends: { logprobs: true, top_logprobs: 3, messages: chat.messages },
  },
  {
    provider: 'openai-completions',
    route: 'POST /v1/completions',
    file: 'openai-completions.tokenscope-serve-echo.recorded.json',
    from: 'openai-completions',
    stream: false,
    request: { ...prompt, echo: true },
    sends: { logprobs: 3, echo: true, prompt: 'Hi' },
  },
  {
    provider: 'openai-completions',
    route: 'POST /v1/completions',
    file: 'openai-completions.tokenscope-serve-echo-stream.recorded.sse.txt',
    from: 'openai-completions',
    stream: true,
    request: { ...prompt, echo: true },
    sends: { logprobs: 3, echo: true, stream: true },
  },
  {
    provider: 'openai-responses',
    route: 'POST /v1/responses',
    file: 'openai-responses.whole.unrecorded.json',
    from: 'openai-responses',
    stream: false,
    request: chat,
    sends: { include: ['message.output_text.logprobs'], top_logprobs: 3 },
  },
  {
    provider: 'openai-responses',
    route: 'POST /v1/responses',
    file: 'openai-responses.stream-fffd.unrecorded.sse.txt',
    from: 'openai-responses',
    stream: true,
    request: chat,
    sends: { include: ['message.output_text.logprobs'], stream: true },
  },
  {
    provider: 'ollama',
    route: 'POST /api/chat',
    file: 'ollama.chat.unrecorded.json',
    from: 'ollama',
    stream: false,
    request: chat,
    sends: { logprobs: true, top_logprobs: 3, stream: false },
    base: '',
  },
  {
    provider: 'ollama',
    route: 'POST /api/generate',
    file: 'ollama.generate-stream.unrecorded.jsonl',
    from: 'ollama',
    stream: true,
    request: prompt,
    sends: { logprobs: true, top_logprobs: 3, stream: true, prompt: 'Hi' },
    base: '',
  },
  {
    provider: 'tgi',
    route: 'POST /generate',
    file: 'tgi.generate.recorded.json',
    from: 'tgi',
    stream: false,
    request: prompt,
    sends: { inputs: 'Hi', parameters: { details: true, top_n_tokens: 3 } },
    base: '',
  },
  {
    provider: 'tgi',
    route: 'POST /generate_stream',
    file: 'tgi.generate-stream.recorded.sse.txt',
    from: 'tgi',
    stream: true,
    request: { ...prompt, topLogprobs: 9 },
    sends: { parameters: { details: true, top_n_tokens: 5 } },
    base: '',
  },
  {
    provider: 'gemini',
    route: 'POST /v1beta/models/gemini-2.0-flash:generateContent',
    file: 'gemini.generate-content.unrecorded.json',
    from: 'gemini',
    stream: false,
    request: { ...chat, model: 'models/gemini-2.0-flash' },
    sends: { generationConfig: { responseLogprobs: true, logprobs: 3 } },
    base: '/v1beta',
  },
  {
    provider: 'gemini',
    route: 'POST /v1beta/models/gemini-2.0-flash:streamGenerateContent',
    file: 'gemini.stream-generate-content.unrecorded.sse.txt',
    from: 'gemini',
    stream: true,
    request: { ...chat, model: 'gemini-2.0-flash' },
    sends: { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] },
    base: '/v1beta',
  },
];

describe.each(CASES)('$provider $file', (c) => {
  it('returns what core parses from the same bytes, and sends the logprob parameters', async () => {
    server.route(c.route, { file: c.file, pieceDelayMs: c.stream ? 1 : 0 });
    const tokens: Array<[Token, number]> = [];
    const result = await getAdapter(c.provider).complete(
      { baseURL: `${server.url}${c.base ?? '/v1'}`, apiKey: 'k', timeoutMs: 2_000 },
      c.request,
      { stream: c.stream, onToken: (t, i) => tokens.push([t, i]) },
    );
    const expected = parseResponse(readFileSync(`${FIXTURES_DIR}${c.file}`, 'utf8'), { from: c.from });
    expect(result).toEqual(expected);
    const sent = server.received.at(-1)!;
    expect(sent.body).toMatchObject(c.sends);
    if (c.provider === 'gemini') {
      expect(sent.headers['x-goog-api-key']).toBe('k');
      expect(sent.headers.authorization).toBeUndefined();
      if (c.stream) expect(sent.url).toContain('?alt=sse');
    }
    if (c.stream) {
      // onToken saw every generated token as it arrived (values as the final parse has them).
      const generated = expected.completions.flatMap((x) => x.tokens);
      expect(tokens.length).toBe(generated.length);
      expect(tokens.map(([t]) => t.logprob)).toEqual(generated.map((t) => t.logprob));
    } else {
      expect(tokens).toEqual([]);
    }
  });
});
