import { join, resolve } from 'node:path';
import { type Engine, loadEngine } from '@tokenscope/local';
import { type RunningServer, startServer } from '@tokenscope/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLmStudioLike, startReasoningLike, TEST_API_KEY } from '../../providers/test/probeServers.js';
import { ensureBuilt, isOneLine, REPO_ROOT } from '../test/cliHarness.js';
import { runCliAsync } from '../test/runCliAsync.js';

/** `tokenscope ask --base-url` through the real binary, against tokenscope's own API and refusing servers. */

const MODELS = process.env.TOKENSCOPE_MODELS_DIR ?? resolve(REPO_ROOT, '../shared/models');
let engine: Engine;
let server: RunningServer;
let baseURL: string;

beforeAll(async () => {
  ensureBuilt();
  engine = await loadEngine(join(MODELS, 'stories260K.gguf'), { threads: 1 });
  server = await startServer({ engines: [engine] });
  baseURL = `${server.url}/v1`;
}, 180_000);

afterAll(async () => {
  await server?.close();
  await engine?.close();
});

interface JsonReport {
  source: { format: string; model: string; topK: number };
  tokens: Array<{ text: string; logprob: number | null; top: Array<{ text: string; logprob: number }> }>;
}

describe('tokenscope ask --base-url', () => {
  it('prints the X-ray of the remote response (--format json: tokens with logprobs)', async () => {
    const args = ['ask', 'Once upon a time', '--base-url', baseURL, '--model', 'stories260K'];
    const result = await runCliAsync([
      ...args,
      '--max-tokens',
      '6',
      '--top-logprobs',
      '3',
      '--format',
      'json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.source).toMatchObject({ format: 'openai-chat', model: 'stories260K', topK: 3 });
    expect(report.tokens).toHaveLength(6);
    for (const token of report.tokens) {
      expect(token.logprob).toBeLessThanOrEqual(0);
      expect(token.top).toHaveLength(3);
    }
    // Greedy: every token is the most likely one.
    for (const token of report.tokens) expect(token.logprob).toBeCloseTo(token.top[0]!.logprob, 6);
  });

  it('legacy completions through --provider, and the ANSI report', async () => {
    const common = [
      'ask',
      'Once upon a time',
      '--base-url',
      baseURL,
      '--model',
      'stories260K',
      '--max-tokens',
      '5',
    ];
    const chat = await runCliAsync([...common, '--format', 'json']);
    const completions = await runCliAsync([
      ...common,
      '--provider',
      'openai-completions',
      '--format',
      'json',
    ]);
    expect(completions.status).toBe(0);
    const a = JSON.parse(chat.stdout) as JsonReport;
    const b = JSON.parse(completions.stdout) as JsonReport;
    expect(b.source.format).toBe('openai-completions');
    expect(b.tokens).toHaveLength(5);
    expect(b.tokens.every((t) => typeof t.logprob === 'number')).toBe(true);
    expect(a.tokens.length).toBe(5);
    const ansi = await runCliAsync([...common, '--no-color']);
    expect(ansi.status).toBe(0);
    expect(ansi.stdout).toMatch(/\nSummary: 5 tokens · mean logprob -?\d/);
  }, 90_000);

  it('a refusal falls back to sampling consistency: one line on stderr saying why, the sampled view on stdout', async () => {
    const fake = await startReasoningLike();
    try {
      const result = await runCliAsync(
        ['ask', 'Hi', '--base-url', fake.baseURL, '--model', 'o3-mini', '--samples', '3', '--no-color'],
        { OPENAI_API_KEY: TEST_API_KEY },
      );
      expect(result.status).toBe(0);
      expect(isOneLine(result.stderr)).toBe(true);
      expect(result.stderr).toMatch(
        /^tokenscope: .*gave no logprobs for model "o3-mini": .*not allowed to request logprobs.*; falling back to sampling consistency: 3 samples at temperature 0\.7/,
      );
      expect(result.stdout).toContain('sampling-based confidence: 3 samples at temperature 0.7');
      // The fake answers "Hello there" to every request without logprobs: the samples all agree.
      expect(result.stdout).toMatch(/Agreement: 100 %/);
      expect(`${result.stdout}${result.stderr}`).not.toContain(TEST_API_KEY);
      // One refused logprob request, then three without logprobs.
      expect(fake.received.map((r) => 'logprobs' in r.body)).toEqual([true, false, false, false]);
    } finally {
      await fake.close();
    }
  });

  it('a server that ignores logprobs falls back too, not an empty X-ray', async () => {
    const fake = await startLmStudioLike();
    try {
      const result = await runCliAsync([
        'ask',
        'Hi',
        '--base-url',
        fake.baseURL,
        '--model',
        'qwen2.5-7b-instruct',
        '--samples',
        '2',
        '--format',
        'json',
      ]);
      expect(result.status).toBe(0);
      expect(isOneLine(result.stderr)).toBe(true);
      expect(result.stderr).toMatch(
        /^tokenscope: .*gave no logprobs for model "qwen2\.5-7b-instruct": the server answered without logprobs .*falling back/,
      );
      const json = JSON.parse(result.stdout) as { confidence: string; fallback: string; samples: unknown[] };
      expect(json.confidence).toBe('consistency');
      expect(json.fallback).toMatch(/answered without logprobs/);
      expect(json.samples).toEqual([
        { text: 'Hello there', finishReason: 'length' },
        { text: 'Hello there', finishReason: 'length' },
      ]);
    } finally {
      await fake.close();
    }
  });

  it('usage errors: no --model, --top-logprobs all, local-only options', async () => {
    const base = ['ask', 'Hi', '--base-url', baseURL];
    const noModel = await runCliAsync(base);
    expect(noModel.status).toBe(1);
    expect(noModel.stderr).toBe(
      'tokenscope: --base-url needs --model: the model id the remote API knows (tokenscope probe lists them)\n',
    );
    const all = await runCliAsync([...base, '--model', 'stories260K', '--top-logprobs', 'all']);
    expect(all.stderr).toMatch(/^tokenscope: --top-logprobs all needs a local model/);
    const chat = await runCliAsync([...base, '--model', 'stories260K', '--chat']);
    expect(chat.stderr).toBe('tokenscope: --chat is for local models and cannot be used with --base-url\n');
    const provider = await runCliAsync([...base, '--model', 'stories260K', '--provider', 'anthropic']);
    expect(provider.status).toBe(1);
    expect(provider.stderr).toMatch(/^tokenscope: option '--provider <id>' argument 'anthropic' is invalid/);
  }, 90_000);
});
