import { analyze, gate, parseResponse } from '@tokenscope/core';
import type { Engine } from '@tokenscope/local';
import OpenAI, { NotFoundError } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ReceivedSpan, startOtlpReceiver } from '../../test/otlpReceiver.js';
import { loadStories } from '../../test/storiesEngine.js';
import { startProxy } from '../proxy/startProxy.js';
import { type RunningServer, startServer } from '../startServer.js';
import { ExchangeTelemetry } from './ExchangeTelemetry.js';

/**
 * `serve` and the proxy in front of it export their spans to an OTLP/HTTP receiver in this process
 * (JSON, as the official exporter sends it); the official `openai` client calls the proxy.
 */

const MODEL = 'stories260K';
const SERVER = 2;
const CLIENT = 3;
let engine: Engine;
let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
const servers: RunningServer[] = [];
const telemetries: ExchangeTelemetry[] = [];
let upstream: RunningServer;
let client: OpenAI;
let direct: OpenAI;

/** A server (and optionally a proxy in front of it) exporting to the receiver. */
async function start(content: boolean): Promise<{ serve: RunningServer; proxy: RunningServer }> {
  const serveTelemetry = new ExchangeTelemetry({ tracesUrl: `${receiver.url}/v1/traces`, content });
  const proxyTelemetry = new ExchangeTelemetry({
    tracesUrl: `${receiver.url}/v1/traces`,
    content,
    serviceName: 'tokenscope-proxy',
  });
  telemetries.push(serveTelemetry, proxyTelemetry);
  const serve = await startServer({ engines: [engine], telemetry: serveTelemetry });
  const proxy = await startProxy({ upstream: `${serve.url}/v1`, telemetry: proxyTelemetry });
  servers.push(proxy, serve);
  return { serve, proxy };
}

/** The spans once `count` of them arrived (each telemetry flushed until then). */
async function spans(count: number): Promise<ReceivedSpan[]> {
  for (let i = 0; i < 100 && receiver.spans.length < count; i++) {
    await Promise.all(telemetries.map((t) => t.flush()));
    if (receiver.spans.length < count) await new Promise((done) => setTimeout(done, 20));
  }
  expect(receiver.spans).toHaveLength(count);
  return [...receiver.spans];
}

function byKind(list: ReceivedSpan[], kind: number): ReceivedSpan {
  const found = list.filter((s) => s.kind === kind);
  expect(found).toHaveLength(1);
  return found[0]!;
}

/**
 * The span's figures are core's analysis and gate of `answer` (a response's JSON, or a stream's SSE
 * text), to `digits` decimals.
 */
function expectFigures(span: ReceivedSpan, answer: string, digits = 9): void {
  const analysis = analyze(parseResponse(answer));
  const gated = gate(analysis);
  const a = span.attributes;
  expect(a['tokenscope.tokens']).toBe(analysis.summary.tokens);
  expect(a['tokenscope.mean_logprob'] as number).toBeCloseTo(analysis.summary.meanLogprob, digits);
  expect(a['tokenscope.perplexity'] as number).toBeCloseTo(analysis.summary.perplexity, digits - 1);
  expect(a['tokenscope.min_probability'] as number).toBeCloseTo(analysis.summary.minProb!, digits);
  expect(a['tokenscope.flagged_tokens']).toBe(analysis.summary.flaggedTokens);
  expect(a['tokenscope.low_confidence_threshold']).toBe(0.1);
  expect(a['tokenscope.gate.verdict']).toBe(gated.verdict);
  expect(a['tokenscope.gate.publish_threshold']).toBe(-0.5);
  expect(a['tokenscope.gate.review_threshold']).toBe(-1.5);
  expect(a['tokenscope.gate.sentences_review']).toBe(gated.counts.review);
}

let plain: { serve: RunningServer; proxy: RunningServer };

beforeAll(async () => {
  engine = await loadStories();
  receiver = await startOtlpReceiver();
  plain = await start(false);
  upstream = await startServer({ engines: [engine] }); // no telemetry
  servers.push(upstream);
  client = new OpenAI({ baseURL: `${plain.proxy.url}/v1`, apiKey: 'unused', maxRetries: 0 });
  direct = new OpenAI({ baseURL: `${upstream.url}/v1`, apiKey: 'unused', maxRetries: 0 });
});

afterAll(async () => {
  for (const server of servers) await server.close();
  await receiver?.close();
  await engine?.close();
});

beforeEach(() => {
  receiver.spans.length = 0;
  receiver.bodies.length = 0;
});

const messages = [{ role: 'user' as const, content: 'Once upon a time there was a little girl' }];

describe('OpenTelemetry spans of serve and the proxy', () => {
  it('a chat completion: a CLIENT span (proxy) and a SERVER span (serve) on the GenAI conventions', async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const parent = 'b7ad6b7169203331';
    const answer = await client.chat.completions.create(
      { model: MODEL, messages, max_tokens: 12, temperature: 0, top_p: 0.9, seed: 4 },
      { headers: { traceparent: `00-${traceId}-${parent}-01` } },
    );
    expect(answer.choices[0]!.logprobs).toBeNull(); // the client gets what it asked for
    const list = await spans(2);
    const proxy = byKind(list, CLIENT);
    const serve = byKind(list, SERVER);
    // the application's trace goes on: its span > the proxy's CLIENT span > serve's SERVER span
    expect([proxy.traceId, serve.traceId]).toEqual([traceId, traceId]);
    expect(proxy.parentSpanId).toBe(parent);
    expect(serve.parentSpanId).toBe(proxy.spanId);
    for (const span of [proxy, serve]) {
      expect(span.name).toBe(`chat ${MODEL}`);
      expect(span.status.code ?? 0).toBe(0);
      expect(span.attributes).toMatchObject({
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': MODEL,
        'gen_ai.request.max_tokens': 12,
        'gen_ai.request.temperature': 0,
        'gen_ai.request.top_p': 0.9,
        'gen_ai.request.seed': 4,
        'gen_ai.response.model': MODEL,
        'gen_ai.response.id': answer.id,
        'gen_ai.response.finish_reasons': [answer.choices[0]!.finish_reason],
        'gen_ai.usage.input_tokens': answer.usage!.prompt_tokens,
        'gen_ai.usage.output_tokens': answer.usage!.completion_tokens,
      });
      expect(BigInt(span.endTimeUnixNano)).toBeGreaterThan(BigInt(span.startTimeUnixNano));
    }
    expect(proxy.attributes).toMatchObject({
      'gen_ai.provider.name': 'openai',
      'gen_ai.system': 'openai',
      'server.address': '127.0.0.1',
      'server.port': Number(new URL(plain.serve.url).port),
    });
    expect(serve.attributes).toMatchObject({ 'gen_ai.provider.name': 'tokenscope' });
    expect(proxy.resource['service.name']).toBe('tokenscope-proxy');
    expect(serve.resource['service.name']).toBe('tokenscope');

    // The proxy's figures (from the upstream's JSON) are serve's (from its tokens): the same answer.
    for (const key of Object.keys(serve.attributes).filter((k) => k.startsWith('tokenscope.'))) {
      const value = serve.attributes[key];
      if (typeof value === 'number') expect(proxy.attributes[key], key).toBeCloseTo(value, 9);
      else expect(proxy.attributes[key], key).toBe(value);
    }
    // ... and core's of that answer asked again with its logprobs (another batch: noise in the 4th digit)
    const same = await direct.chat.completions.create({
      model: MODEL,
      messages,
      max_tokens: 12,
      temperature: 0,
      top_p: 0.9,
      seed: 4,
      logprobs: true,
      top_logprobs: 5,
    });
    expect(same.choices[0]!.message.content).toBe(answer.choices[0]!.message.content);
    expectFigures(serve, JSON.stringify(same), 2);
    // no token text without --otlp-content
    const text = answer.choices[0]!.message.content!;
    expect(text.length).toBeGreaterThan(10);
    for (const body of receiver.bodies) {
      expect(body).not.toContain(text.trim());
      expect(body).not.toContain(messages[0].content);
      expect(body).not.toContain('gen_ai.input.messages');
    }
  });

  it('a streamed completion: the span ends with the stream, with its figures', async () => {
    const stream = await client.completions.create({
      model: MODEL,
      prompt: 'Once upon a time',
      max_tokens: 10,
      temperature: 0,
      stream: true,
      logprobs: 5,
    });
    let text = '';
    let sse = '';
    let finish: string | null = null;
    for await (const chunk of stream) {
      sse += `data: ${JSON.stringify(chunk)}\n\n`;
      text += chunk.choices[0]?.text ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    const list = await spans(2);
    const proxy = byKind(list, CLIENT);
    const serve = byKind(list, SERVER);
    const same = await direct.completions.create({
      model: MODEL,
      prompt: 'Once upon a time',
      max_tokens: 10,
      temperature: 0,
      logprobs: 5,
    });
    expect(same.choices[0]!.text).toBe(text);
    for (const span of [proxy, serve]) {
      expect(span.name).toBe(`text_completion ${MODEL}`);
      expect(span.attributes).toMatchObject({
        'gen_ai.operation.name': 'text_completion',
        'gen_ai.request.stream': true,
        'gen_ai.request.max_tokens': 10,
        'gen_ai.response.finish_reasons': [finish],
        'gen_ai.usage.output_tokens': same.usage!.completion_tokens,
      });
      expectFigures(span, `${sse}data: [DONE]\n\n`);
    }
    // serve knows its prompt's tokens; the proxy only what the stream reported (no usage asked for)
    expect(serve.attributes['gen_ai.usage.input_tokens']).toBe(same.usage!.prompt_tokens);
    expect(proxy.attributes['gen_ai.usage.input_tokens']).toBeUndefined();
    for (const body of receiver.bodies) expect(body).not.toContain(text.trim());
  });

  it('a Responses API answer, whole and streamed: a chat span each, with the figures of its logprobs', async () => {
    const serveOnly = new OpenAI({ baseURL: `${plain.serve.url}/v1`, apiKey: 'unused', maxRetries: 0 });
    const request = {
      model: MODEL,
      input: 'Once upon a time',
      max_output_tokens: 10,
      temperature: 0,
      top_logprobs: 5,
      include: ['message.output_text.logprobs' as const],
    };
    const answer = await serveOnly.responses.create(request);
    const [whole] = await spans(1);
    expect(whole!.kind).toBe(SERVER);
    expect(whole!.name).toBe(`chat ${MODEL}`);
    expect(whole!.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': MODEL,
    });
    const content = (answer.output[0] as { content: Array<{ logprobs: unknown[] }> }).content[0]!;
    const asChat = {
      object: 'chat.completion',
      model: MODEL,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: answer.output_text },
          logprobs: { content: content.logprobs },
          finish_reason: 'length',
        },
      ],
    };
    expectFigures(whole!, JSON.stringify(asChat), 5); // the JSON carries the logprobs as the client reads them
    receiver.spans.length = 0;

    const stream = await serveOnly.responses.create({ ...request, stream: true });
    let text = '';
    for await (const event of stream) if (event.type === 'response.output_text.delta') text += event.delta;
    expect(text).toBe(answer.output_text);
    const [streamed] = await spans(1);
    expect(streamed!.status.code).not.toBe(2);
    expect(streamed!.attributes['tokenscope.mean_logprob'] as number).toBeCloseTo(
      whole!.attributes['tokenscope.mean_logprob'] as number,
      5, // the same greedy tokens; llama.cpp's values differ in the last digits between runs
    );
  });

  it('a failure: status error with the error code in error.type', async () => {
    const error = await client.chat.completions
      .create({ model: 'no-such-model', messages, max_tokens: 4 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    const list = await spans(2);
    const serve = byKind(list, SERVER);
    const proxy = byKind(list, CLIENT);
    expect(serve.name).toBe('chat no-such-model');
    expect(serve.status.code).toBe(2); // ERROR
    expect(serve.attributes).toMatchObject({
      'error.type': 'model_not_found',
      'http.response.status_code': 404,
      'gen_ai.request.model': 'no-such-model',
    });
    expect(proxy.status.code).toBe(2);
    expect(proxy.attributes).toMatchObject({ 'error.type': '404', 'http.response.status_code': 404 });
    expect(proxy.attributes['tokenscope.mean_logprob']).toBeUndefined();
  });

  it('with content (--otlp-content): the prompt and the answer as the conventions give them', async () => {
    const { proxy } = await start(true);
    const withContent = new OpenAI({ baseURL: `${proxy.url}/v1`, apiKey: 'unused', maxRetries: 0 });
    const answer = await withContent.chat.completions.create({
      model: MODEL,
      messages,
      max_tokens: 12,
      temperature: 0,
    });
    const list = await spans(2);
    for (const span of list) {
      expect(JSON.parse(span.attributes['gen_ai.input.messages'] as string)).toEqual([
        { role: 'user', parts: [{ type: 'text', content: messages[0].content }] },
      ]);
      expect(JSON.parse(span.attributes['gen_ai.output.messages'] as string)).toEqual([
        {
          role: 'assistant',
          parts: [{ type: 'text', content: answer.choices[0]!.message.content }],
          finish_reason: answer.choices[0]!.finish_reason,
        },
      ]);
    }
  });

  it('exports nothing from a server without telemetry', async () => {
    await direct.chat.completions.create({ model: MODEL, messages, max_tokens: 4 });
    await Promise.all(telemetries.map((t) => t.flush()));
    await new Promise((done) => setTimeout(done, 100));
    expect(receiver.bodies).toEqual([]);
  });
});
