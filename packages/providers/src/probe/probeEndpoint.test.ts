import { fileURLToPath } from 'node:url';
import { type Engine, loadEngine } from '@tokenscope/local';
import { type RunningServer, startServer } from '@tokenscope/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeReport } from './ProbeReport.js';
import { ProbeUnreachableError } from './ProbeUnreachableError.js';
import { probeEndpoint } from './probeEndpoint.js';

/** `tokenscope serve`'s app on the real stories260K engine (one thread), probed over a real socket. */

const MODELS_DIR =
  process.env.TOKENSCOPE_MODELS_DIR ??
  fileURLToPath(new URL('../../../../../shared/models/', import.meta.url));

let engine: Engine;
let server: RunningServer;
let report: ProbeReport;

beforeAll(async () => {
  engine = await loadEngine(`${MODELS_DIR.replace(/\/?$/, '/')}stories260K.gguf`, { threads: 1 });
  server = await startServer({ engines: [engine] });
  report = await probeEndpoint({ baseURL: `${server.url}/v1/` }, {});
}, 60_000);

afterAll(async () => {
  await server?.close();
  await engine?.close();
});

function errorOf(index: number | undefined): string | undefined {
  return index === undefined ? undefined : report.requests[index]?.error;
}

describe('probeEndpoint on tokenscope serve', () => {
  it('lists the model and picks it', () => {
    expect(report.baseURL).toBe(`${server.url}/v1`);
    expect(report.models).toEqual(['stories260K']);
    expect(report.model).toBe('stories260K');
    expect(report.findings.models).toMatchObject({ result: 'supported', detail: '1 model: stories260K' });
  });

  it('finds chat logprobs with top_logprobs 20, bytes and logprobs in streams', () => {
    const { findings } = report;
    expect(findings.chatLogprobs.result).toBe('supported');
    expect(findings.topLogprobs).toMatchObject({ result: 'supported', value: 20 });
    expect(findings.topLogprobs.detail).toBe('top_logprobs 20 accepted, 20 alternatives came back');
    expect(findings.bytes).toMatchObject({ result: 'supported', detail: '3 of 3 tokens have bytes' });
    expect(findings.streamLogprobs.result).toBe('supported');
    expect(findings.streamLogprobs.detail).toMatch(/^3 tokens with logprobs in \d+ chunks$/);
  });

  it('records the exact error text of top_logprobs above 20', () => {
    const above = report.findings.topLogprobsAbove20;
    const exact =
      `Invalid 'top_logprobs': expected at most 20 (got 50); send "tokenscope": ` +
      `{"allow_large_top_logprobs": true} for up to the vocabulary size (512)`;
    expect(above).toMatchObject({ result: 'refused', value: 50, detail: `400: ${exact}` });
    expect(errorOf(above.requests[0])).toBe(exact);
    const sent = report.requests[above.requests[0]!];
    expect(sent).toMatchObject({ method: 'POST', path: '/chat/completions', status: 400 });
    expect(sent?.body).toMatchObject({ model: 'stories260K', logprobs: true, top_logprobs: 50 });
  });

  it('finds legacy completions logprobs and echo, Responses API logprobs; prompt_logprobs refused', () => {
    const { findings } = report;
    expect(findings.completionsLogprobs).toMatchObject({
      result: 'supported',
      detail: '2 tokens with logprobs',
    });
    expect(findings.echo.result).toBe('supported');
    expect(findings.echo.detail).toMatch(
      /^\d+ tokens for the prompt and 1 generated, text starts with the prompt$/,
    );
    expect(findings.promptLogprobs.result).toBe('refused');
    expect(errorOf(findings.promptLogprobs.requests[0])).toMatch(/prompt_logprobs/);
    expect(findings.responsesLogprobs.result).toBe('supported');
    expect(findings.responsesLogprobs.detail).toMatch(/^\d+ tokens with logprobs$/);
  });

  it('labels the distribution raw: the same logprob at temperature 0.2 and 1.5', () => {
    const { distribution } = report.findings;
    expect(distribution.result).toBe('raw');
    expect(distribution.detail).toMatch(
      /: (-\d\.\d{4}) at temperature 0\.2, \1 at 1\.5: logprobs do not depend/,
    );
    const temperatures = distribution.requests.map(
      (i) => (report.requests[i]?.body as { temperature?: number } | undefined)?.temperature,
    );
    expect(temperatures).toEqual([0.2, 1.5]);
  });

  it('records every request, JSON-serialisable, with tiny generations', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(report.requests[0]).toMatchObject({ method: 'GET', path: '/models', status: 200 });
    for (const request of report.requests) {
      const body = request.body as { max_tokens?: number; max_output_tokens?: number } | undefined;
      expect(body?.max_tokens ?? 0).toBeLessThanOrEqual(4);
      expect(body?.max_output_tokens ?? 0).toBeLessThanOrEqual(16);
      expect(request.status === null || (request.status >= 200 && request.status < 300)).toBe(
        request.error === undefined,
      );
    }
    // Each finding names requests that exist.
    for (const found of Object.values(report.findings)) {
      for (const index of found.requests) expect(report.requests[index]).toBeDefined();
    }
  });

  it('labels the distribution processed when the server reports values after temperature', async () => {
    // A transport that asks this server for processed values (its logprobs_distribution extension).
    const processed: typeof fetch = (input, init) => {
      const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      const patched =
        body === undefined
          ? init
          : { ...init, body: JSON.stringify({ ...body, logprobs_distribution: 'processed' }) };
      return fetch(input, patched);
    };
    const other = await probeEndpoint(
      { baseURL: `${server.url}/v1`, fetch: processed },
      { model: 'stories260K' },
    );
    expect(other.findings.distribution.result).toBe('processed');
    expect(other.findings.distribution.detail).toMatch(/logprobs are after temperature$/);
  });

  it('throws ProbeUnreachableError when nothing answers, and stops on abort', async () => {
    const closed = await startServer({ engines: [engine] });
    const url = `${closed.url}/v1`;
    await closed.close();
    await expect(probeEndpoint({ baseURL: url })).rejects.toThrow(ProbeUnreachableError);
    await expect(probeEndpoint({ baseURL: url })).rejects.toThrow(
      new RegExp(`^Expected an answer from ${url}/models, got none \\(connect ECONNREFUSED`),
    );
    const controller = new AbortController();
    controller.abort(new Error('stopped by the test'));
    await expect(
      probeEndpoint({ baseURL: `${server.url}/v1` }, { signal: controller.signal }),
    ).rejects.toThrow('stopped by the test');
  });
});
