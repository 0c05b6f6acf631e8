import { join, resolve } from 'node:path';
import { type Engine, loadEngine } from '@tokenscope/local';
import type { ProbeReport } from '@tokenscope/providers';
import { type RunningServer, startServer } from '@tokenscope/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLmStudioLike } from '../../providers/test/probeServers.js';
import { ensureBuilt, isOneLine, REPO_ROOT } from '../test/cliHarness.js';
import { runCliAsync } from '../test/runCliAsync.js';

/** `tokenscope probe` through the real binary, against tokenscope's own API on stories260K. */

const MODELS = process.env.TOKENSCOPE_MODELS_DIR ?? resolve(REPO_ROOT, '../shared/models');
const SECRET = 'sk-cli-probe-secret';
let engine: Engine;
let server: RunningServer;
let baseURL: string;

beforeAll(async () => {
  ensureBuilt();
  engine = await loadEngine(join(MODELS, 'stories260K.gguf'), { threads: 1 });
  server = await startServer({ engines: [engine], apiKey: SECRET });
  baseURL = `${server.url}/v1`;
}, 180_000);

afterAll(async () => {
  await server?.close();
  await engine?.close();
});

describe('tokenscope probe', () => {
  it('--json prints the report; the key comes from OPENAI_API_KEY and is never printed', async () => {
    const result = await runCliAsync(['probe', '--base-url', baseURL, '--json'], { OPENAI_API_KEY: SECRET });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as ProbeReport;
    expect(report.model).toBe('stories260K');
    expect(report.findings.chatLogprobs.result).toBe('supported');
    expect(report.findings.topLogprobs.value).toBe(20);
    expect(report.findings.topLogprobsAbove20.result).toBe('refused');
    expect(report.findings.distribution.result).toBe('raw');
    expect(result.stdout).not.toContain(SECRET);
  });

  it('--format json is the same report as --json (the older spelling)', async () => {
    const result = await runCliAsync(['probe', '--base-url', baseURL, '--format', 'json', '--pretty'], {
      OPENAI_API_KEY: SECRET,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\{\n {2}"baseURL"/);
    const report = JSON.parse(result.stdout) as ProbeReport;
    expect(report.model).toBe('stories260K');
    expect(report.findings.chatLogprobs.result).toBe('supported');
  });

  it('prints a table of capability, result and detail; --api-key wins over the environment', async () => {
    const result = await runCliAsync(
      ['probe', '--base-url', baseURL, '--api-key', SECRET, '--model', 'stories260K'],
      {
        TOKENSCOPE_API_KEY: 'sk-wrong',
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(`Probe of ${baseURL}, model stories260K`);
    expect(lines[2]).toMatch(/^capability\s+result\s+detail$/);
    const row = (label: string) => lines.find((l) => l.startsWith(label)) ?? '';
    expect(row('model list (GET /models)')).toMatch(/\ssupported\s+1 model: stories260K$/);
    expect(row('chat logprobs')).toMatch(/\ssupported\s+3 tokens with logprobs$/);
    expect(row('chat top_logprobs (largest of 20, 5, 1)')).toMatch(
      /\ssupported \(20\)\s+top_logprobs 20 accepted/,
    );
    expect(row('chat top_logprobs above 20')).toMatch(
      /\srefused \(50\)\s+400: Invalid 'top_logprobs': expected at most 20 \(got 50\)/,
    );
    expect(row('bytes in chat logprobs')).toMatch(/\ssupported\s+3 of 3 tokens have bytes$/);
    expect(row('chat stream logprobs')).toMatch(/\ssupported\s+3 tokens with logprobs in \d+ chunks$/);
    expect(row('completions echo (prompt logprobs)')).toMatch(/\ssupported\s/);
    expect(row('responses logprobs')).toMatch(/\ssupported\s+\d+ tokens with logprobs$/);
    expect(row('distribution (temperature 0.2 vs 1.5)')).toMatch(/\sraw\s/);
    expect(lines.at(-2)).toMatch(
      /^\d+ requests; --format json shows each one, with the exact error texts\.$/,
    );
    expect(result.stdout).not.toContain(SECRET);
  });

  it('shows what a server that ignores logprobs does (LM Studio-like)', async () => {
    const fake = await startLmStudioLike();
    try {
      const result = await runCliAsync(['probe', '--base-url', fake.baseURL]);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(
        /^chat logprobs\s+ignored\s+200 without choices\[0\]\.logprobs\.content$/m,
      );
    } finally {
      await fake.close();
    }
  });

  it('fails with one line when nothing answers, or the URL is not one', async () => {
    const closed = await startServer({ engines: [engine] });
    await closed.close();
    const down = await runCliAsync(['probe', '--base-url', `${closed.url}/v1`]);
    expect(down.status).toBe(1);
    expect(isOneLine(down.stderr)).toBe(true);
    expect(down.stderr).toMatch(
      /^tokenscope: Expected an answer from http:\/\/127\.0\.0\.1:\d+\/v1\/models, got none/,
    );
    const bad = await runCliAsync(['probe', '--base-url', 'localhost:8080']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^tokenscope: option '--base-url <url>' argument 'localhost:8080' is invalid/);
    const none = await runCliAsync(['probe']);
    expect(none.status).toBe(1);
    expect(none.stderr).toBe("tokenscope: required option '--base-url <url>' not specified\n");
  }, 90_000);
});
