import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReplayServer, startReplayServer } from '../../test/replayServer.js';
import { MalformedAnswerError } from '../errors/MalformedAnswerError.js';
import type { LogprobRequest, ProviderId, SampledAnswer } from '../Provider.js';
import { getAdapter } from './getAdapter.js';

/**
 * Every adapter's `sample` (one answer without logprobs, for sampling consistency) against a real
 * HTTP server replaying core's answers-without-logprobs fixtures: the text, finish reason and usage
 * as the fixture holds them, and a request body without any logprob parameter.
 */

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(() => server.close());

const chat: LogprobRequest = {
  model: 'm',
  messages: [{ role: 'user', content: 'Hi' }],
  topLogprobs: 3,
  echo: true,
  temperature: 0.7,
  maxTokens: 8,
};
const { messages: _messages, ...withoutMessages } = chat;
const prompt: LogprobRequest = { ...withoutMessages, prompt: 'Hi' };

interface Case {
  provider: ProviderId;
  route: string;
  file: string;
  request: LogprobRequest;
  expected: SampledAnswer;
  /** Parameters the request must carry (temperature, max tokens in the API's names). */
  sends: Record<string, unknown>;
  base?: string;
}

const CASES: Case[] = [
  {
    provider: 'openai-chat',
    route: 'POST /v1/chat/completions',
    file: 'openai-chat.bad-no-logprobs.unrecorded.json',
    request: chat,
    expected: { text: 'Hello!', finishReason: 'stop' },
    sends: { temperature: 0.7, max_tokens: 8, messages: chat.messages },
  },
  {
    provider: 'openai-completions',
    route: 'POST /v1/completions',
    file: 'openai-completions.bad-no-logprobs.recorded.json',
    request: prompt,
    expected: { text: 'Berlin is the capital city of Germany.', finishReason: 'stop' },
    sends: { prompt: 'Hi', temperature: 0.7, max_tokens: 8 },
  },
  {
    provider: 'openai-completions',
    route: 'POST /v1/completions',
    file: 'llamacpp-completion.bad-no-logprobs.unrecorded.json',
    request: prompt,
    expected: { text: ' Paris.', finishReason: 'eos', promptTokens: 7, completionTokens: 2 },
    sends: { prompt: 'Hi' },
  },
  {
    provider: 'openai-responses',
    route: 'POST /v1/responses',
    file: 'openai-responses.bad-no-logprobs.unrecorded.json',
    request: chat,
    expected: { text: 'Blue sky.', finishReason: 'completed', promptTokens: 12, completionTokens: 3 },
    sends: { temperature: 0.7, max_output_tokens: 8 },
  },
  {
    provider: 'ollama',
    route: 'POST /api/generate',
    file: 'ollama.bad-no-logprobs.unrecorded.json',
    request: prompt,
    expected: { text: 'Hi 👋', finishReason: 'stop', completionTokens: 4 },
    sends: { prompt: 'Hi', stream: false, options: { temperature: 0.7, num_predict: 8 } },
    base: '',
  },
  {
    provider: 'tgi',
    route: 'POST /generate',
    file: 'tgi.bad-no-details.unrecorded.json',
    request: prompt,
    expected: { text: ' Paris.' },
    sends: { inputs: 'Hi', parameters: { details: true, do_sample: true, temperature: 0.7 } },
    base: '',
  },
  {
    provider: 'gemini',
    route: 'POST /v1beta/models/m:generateContent',
    file: 'gemini.bad-no-logprobs-result.unrecorded.json',
    request: chat,
    expected: { text: 'The sky is blue', finishReason: 'STOP', promptTokens: 6, completionTokens: 4 },
    sends: { generationConfig: { temperature: 0.7, maxOutputTokens: 8 } },
    base: '/v1beta',
  },
];

const LOGPROB_KEYS = [
  'logprobs',
  'top_logprobs',
  'echo',
  'prompt_logprobs',
  'include',
  'top_n_tokens',
  'decoder_input_details',
  'responseLogprobs',
];

function keysDeep(value: unknown): string[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...keysDeep(v)]);
}

describe.each(CASES)('$provider sample ($file)', (c) => {
  it('reads the answer and sends no logprob parameter', async () => {
    server.route(c.route, { file: c.file });
    const answer = await getAdapter(c.provider).sample(
      { baseURL: `${server.url}${c.base ?? '/v1'}`, apiKey: 'k', timeoutMs: 2_000 },
      c.request,
    );
    expect(answer).toEqual(c.expected);
    const sent = server.received.at(-1)!;
    expect(sent.body).toMatchObject(c.sends);
    expect(keysDeep(sent.body).filter((k) => LOGPROB_KEYS.includes(k))).toEqual([]);
    expect(keysDeep(sent.body)).not.toContain('stream_options');
  });
});

describe('sample', () => {
  it('a 2xx answer without the text where the API puts it is a MalformedAnswerError naming the place', async () => {
    server.route('POST /v1/chat/completions', { body: '{"object":"list","data":[]}' });
    const error = await getAdapter('openai-chat')
      .sample({ baseURL: `${server.url}/v1`, timeoutMs: 2_000 }, chat)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedAnswerError);
    expect((error as Error).message).toMatch(/choices\[0\]\.message\.content/);
  });
});
