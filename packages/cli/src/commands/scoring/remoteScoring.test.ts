import { join } from 'node:path';
import { tokenRank } from '@tokenscope/core';
import { type Engine, loadEngine } from '@tokenscope/local';
import { type RunningServer, startServer } from '@tokenscope/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLocal, MODELS_DIR } from '../../../../local/test/buildLocal.js';
import { runMain } from '../../../test/memoryIo.js';

/** classify, rerank and score with --base-url, against tokenscope's own OpenAI-compatible server. */

const STORIES = join(MODELS_DIR, 'stories260K.gguf');
let engine: Engine;
let server: RunningServer;
let remote: string[];

beforeAll(async () => {
  buildLocal();
  engine = await loadEngine(STORIES, { threads: 1, contextSize: 256 });
  server = await startServer({ engines: [engine] });
  remote = ['--base-url', `${server.url}/v1`, '--model', 'stories260K'];
}, 180_000);

afterAll(async () => {
  await server?.close();
  await engine?.close();
});

const run = (args: string[]) => runMain(args);

describe('remote scoring through --base-url', () => {
  it('classify: estimates from the first token, reports the unaccounted mass and labels below the top-k', async () => {
    const labels = 'Lily,Tom,the,zebra crossing';
    const args = [
      'classify',
      ...remote,
      '--provider',
      'openai-completions',
      '--labels',
      labels,
      '--top-logprobs',
      '5',
    ];
    const r = await run([
      ...args,
      '--format',
      'json',
      '--prompt-template',
      '{text}',
      '--no-space',
      'Once upon a time, there was a girl named',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      method: string;
      unaccountedMass: number;
      labels: Array<{ label: string; probability: number; status: string; bounds: { upper: number } }>;
    };
    expect(json.method).toBe('first-token');
    expect(json.labels.reduce((s, l) => s + l.probability, 0)).toBeCloseTo(1, 9);
    expect(json.unaccountedMass).toBeGreaterThanOrEqual(0);
    const zebra = json.labels.find((l) => l.label === 'zebra crossing')!;
    expect(zebra.status).toBe('below-top-k');
    expect(zebra.bounds.upper).toBeCloseTo(json.unaccountedMass, 9);
    const text = await run([
      ...args,
      '--prompt-template',
      '{text}',
      '--no-space',
      'Once upon a time, there was a girl named',
    ]);
    expect(text.stdout).toMatch(/first-token estimate/);
    expect(text.stdout).toMatch(/unaccounted \(outside the top-k\)/);
  }, 60_000);

  it('rerank: echo scores match the local exact scores', async () => {
    const prompt = 'Lily went to the park with her';
    const candidates = ['mom', 'big red ball'];
    const viaServer = await run(['rerank', ...remote, '--prompt', prompt, '--format', 'json', ...candidates]);
    expect(viaServer.stderr).toBe('');
    const json = JSON.parse(viaServer.stdout) as {
      candidates: Array<{ sumLogprob: number; tokenCount: number }>;
    };
    const exact = await engine.scoreContinuations(
      prompt,
      candidates.map((c) => ` ${c}`),
    );
    expect(viaServer.code).toBe(0);
    expect(json.candidates).toHaveLength(candidates.length);
    json.candidates.forEach((c, i) => {
      expect(Math.abs(c.sumLogprob - exact.continuations[i]!.sumLogprob)).toBeLessThan(1e-3);
      expect(c.tokenCount).toBe(exact.continuations[i]!.tokenCount);
    });
  }, 60_000);

  it('score: the echoed prompt tokens, with ranks', async () => {
    const r = await run(['score', ...remote, '--format', 'json', 'Once upon a time']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      tokens: Array<{ text: string; logprob: number | null; rank: number | null }>;
    };
    const local = await engine.score('Once upon a time', { topLogprobs: 5 });
    expect(json.tokens.map((t) => t.logprob)).toEqual(
      local.tokens.map((t) => expect.closeTo(t.logprob ?? Number.NaN, 4)),
    );
    expect(json.tokens.map((t) => t.rank)).toEqual(local.tokens.map(tokenRank));
    expect(json.tokens.some((t) => t.rank !== null)).toBe(true);
  }, 60_000);
});
