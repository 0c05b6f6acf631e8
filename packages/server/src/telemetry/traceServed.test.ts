import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { InMemorySpanExporter, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { Engine } from '@tokenscope/local';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeEngine } from '../../test/fakeEngine.js';
import { ApiError } from '../ApiError.js';
import { createApp } from '../createApp.js';
import { ExchangeTelemetry } from './ExchangeTelemetry.js';

/** serve's spans on the routes' failure paths, through `app.request` and an in-memory exporter. */

const exporter = new InMemorySpanExporter();
const telemetry = new ExchangeTelemetry({ tracesUrl: 'http://127.0.0.1:9/v1/traces', exporter });

afterEach(() => exporter.reset());

async function finished() {
  await telemetry.flush();
  return exporter.getFinishedSpans();
}

function post(engine: Engine, path: string, body: unknown) {
  return createApp({ engines: [engine], telemetry }).request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** An engine that sends `tokens` tokens, then fails as the engine does when its process crashes. */
function failingAfter(tokens: number): Engine {
  const inner = fakeEngine();
  return {
    ...inner,
    async generate(request, options = {}) {
      return inner.generate(
        { ...request, maxTokens: 100 },
        {
          ...options,
          onToken(token) {
            options.onToken?.(token);
            if (inner.calls.length > 0 && --tokens < 0) {
              throw new ApiError(500, 'server_error', 'the model process crashed', { code: 'engine_error' });
            }
          },
        },
      );
    },
  };
}

describe('traceServed', () => {
  it('ends a whole answer span with its attributes', async () => {
    const res = await post(fakeEngine(), '/v1/completions', { model: 'fake', prompt: 'Hi', max_tokens: 3 });
    expect(res.status).toBe(200);
    const [span] = await finished();
    expect(span!.name).toBe('text_completion fake');
    expect(span!.kind).toBe(SpanKind.SERVER);
    expect(span!.attributes).toMatchObject({
      'gen_ai.usage.output_tokens': 3,
      'gen_ai.response.finish_reasons': ['length'],
      'tokenscope.mean_logprob': -0.5,
    });
  });

  it('a request that fails before generating: status error, error.type the code', async () => {
    const res = await post(fakeEngine(), '/v1/chat/completions', { model: 'fake', messages: 'nope' });
    expect(res.status).toBe(400);
    const [span] = await finished();
    expect(span!.status.code).toBe(SpanStatusCode.ERROR);
    expect(span!.attributes).toMatchObject({
      'error.type': 'invalid_request_error',
      'http.response.status_code': 400,
      'gen_ai.request.model': 'fake',
    });
    expect(span!.name).toBe('chat fake');
  });

  it('a stream that fails after its first event: the error event code', async () => {
    const res = await post(failingAfter(2), '/v1/chat/completions', {
      model: 'fake',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('"code":"engine_error"');
    const [span] = await finished();
    expect(span!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'the model process crashed' });
    expect(span!.attributes['error.type']).toBe('engine_error');
  });

  it('a client that stops reading a stream: cancelled', async () => {
    const res = await post(fakeEngine(), '/v1/completions', { model: 'fake', prompt: 'Hi', stream: true });
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    const [span] = await finished();
    expect(span!.status.code).toBe(SpanStatusCode.ERROR);
    expect(span!.attributes['error.type']).toBe('cancelled');
  });
});

describe('ExchangeTelemetry', () => {
  it('reports a failed export once, until one succeeds again; flush and shutdown never reject', async () => {
    const errors: Error[] = [];
    const results = [
      ExportResultCode.FAILED,
      ExportResultCode.FAILED,
      ExportResultCode.SUCCESS,
      ExportResultCode.FAILED,
    ];
    const failing: SpanExporter = {
      export: (_spans, done) => done({ code: results.shift()!, error: new Error('ECONNREFUSED') }),
      shutdown: async () => {},
    };
    const telemetry = new ExchangeTelemetry({
      tracesUrl: 'http://127.0.0.1:9/v1/traces',
      exporter: failing,
      onExportError: (error) => errors.push(error),
    });
    for (let i = 0; i < 4; i++) {
      telemetry
        .start({ operation: 'chat', provider: 'x', body: {}, prompt: null }, 'client')
        .fail({ type: 'x' });
      await telemetry.flush();
    }
    expect(errors.map((e) => e.message)).toEqual(['ECONNREFUSED', 'ECONNREFUSED']);
    await telemetry.shutdown();
  });
});
