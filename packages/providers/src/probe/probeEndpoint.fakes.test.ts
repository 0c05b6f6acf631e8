import { afterEach, describe, expect, it } from 'vitest';
import {
  REASONING_REFUSAL,
  startLmStudioLike,
  startReasoningLike,
  TEST_API_KEY,
  type TestServer,
} from '../../test/probeServers.js';
import { probeEndpoint } from './probeEndpoint.js';

/** The probe against small real HTTP servers that accept-and-ignore or refuse logprobs. */

const servers: TestServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

describe('probeEndpoint on servers that do not give logprobs', () => {
  it('reports logprobs ignored by a server that accepts them and returns none (LM Studio)', async () => {
    const server = await startLmStudioLike();
    servers.push(server);
    const report = await probeEndpoint({ baseURL: server.baseURL }, {});
    const { findings } = report;
    expect(report.model).toBe('qwen2.5-7b-instruct');
    expect(findings.chatLogprobs).toMatchObject({
      result: 'ignored',
      detail: '200 without choices[0].logprobs.content',
    });
    expect(findings.topLogprobs).toMatchObject({ result: 'skipped', detail: 'chat logprobs ignored' });
    expect(findings.streamLogprobs.result).toBe('skipped');
    expect(findings.completionsLogprobs).toMatchObject({
      result: 'ignored',
      detail: '200 without choices[0].logprobs',
    });
    expect(findings.echo.result).toBe('skipped');
    expect(findings.promptLogprobs.result).toBe('ignored');
    expect(findings.responsesLogprobs.result).toBe('missing');
    expect(findings.distribution).toMatchObject({
      result: 'skipped',
      detail: 'no logprobs on chat or completions',
    });
    // One chat request was enough: top_logprobs 20 came back 200.
    expect(server.received.filter((r) => r.path === '/chat/completions')).toHaveLength(1);
  });

  it('reports the exact refusal of a reasoning model, and that requests without logprobs work', async () => {
    const server = await startReasoningLike();
    servers.push(server);
    const report = await probeEndpoint(
      { baseURL: server.baseURL, apiKey: TEST_API_KEY },
      { model: 'o3-mini' },
    );
    const { findings } = report;
    expect(findings.models).toMatchObject({ result: 'supported', detail: '2 models: o3-mini, gpt-4o-mini' });
    expect(findings.chatLogprobs).toMatchObject({ result: 'refused', detail: `403: ${REASONING_REFUSAL}` });
    const [first, baseline] = findings.chatLogprobs.requests.map((i) => report.requests[i]!);
    expect(first).toMatchObject({ status: 403, error: REASONING_REFUSAL });
    expect(first?.body).toMatchObject({ model: 'o3-mini', logprobs: true, top_logprobs: 20 });
    expect(baseline).toMatchObject({ purpose: 'chat without logprobs (baseline)', status: 200 });
    expect(findings.completionsLogprobs.result).toBe('missing');
    expect(findings.responsesLogprobs.result).toBe('missing');
    expect(findings.distribution.result).toBe('skipped');
    // The key went in the Authorization header, and nowhere in the report.
    expect(server.received.every((r) => r.authorization === 'Bearer sk-probe-secret')).toBe(true);
    expect(JSON.stringify(report)).not.toContain('sk-probe-secret');
  });

  it('reports failed, not refused, when requests without logprobs fail too (wrong API key)', async () => {
    const server = await startReasoningLike();
    servers.push(server);
    const report = await probeEndpoint({ baseURL: server.baseURL, apiKey: 'sk-wrong' }, { model: 'o3-mini' });
    expect(report.findings.models).toMatchObject({
      result: 'refused',
      detail: '401: Incorrect API key provided.',
    });
    expect(report.findings.chatLogprobs).toMatchObject({
      result: 'failed',
      detail: 'requests without logprobs fail too (401: Incorrect API key provided.)',
    });
    // 401 is not worth retrying with a smaller top_logprobs: one try, then the baseline.
    expect(report.findings.chatLogprobs.requests).toHaveLength(2);
    expect(JSON.stringify(report)).not.toContain('sk-wrong');
  });

  it('reports missing endpoints, and hints at /v1, for a base URL without it', async () => {
    const server = await startLmStudioLike();
    servers.push(server);
    const report = await probeEndpoint({ baseURL: server.baseURL.replace(/\/v1$/, '') }, { model: 'm' });
    expect(report.findings.models).toMatchObject({
      result: 'missing',
      detail:
        '404: Unexpected endpoint or method. (GET /models) (OpenAI-compatible base URLs usually end in /v1)',
    });
    expect(report.findings.chatLogprobs.result).toBe('missing');
    expect(report.findings.completionsLogprobs.result).toBe('missing');
  });
});
