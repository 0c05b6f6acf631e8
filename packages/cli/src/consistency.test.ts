import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  analyzeConsistency,
  type ConsistencySample,
  classifyFromSamples,
  compareSignalCalibration,
  gateConsistency,
  normalizeAnswer,
} from '@tokenscope/core';
import { openRunStore } from '@tokenscope/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RefusingUpstream, startRefusingUpstream } from '../../providers/test/startRefusingUpstream.js';
import { BIN, ensureBuilt, isOneLine, REPO_ROOT } from '../test/cliHarness.js';
import { runMain } from '../test/memoryIo.js';
import { runCliAsync } from '../test/runCliAsync.js';

/**
 * Confidence without logprobs (issue 13), through the built `tokenscope` command: a real
 * `tokenscope serve` on stories260K, behind scripts/logprobsRefusingUpstream.mjs, which refuses
 * logprobs with OpenAI's 400 (`refuse`), silently drops them (`drop`) or forwards everything
 * (`pass`, to see what was asked). Every expected figure is recomputed with core's functions from
 * what the command printed or stored, never written here.
 */

const MODELS = process.env.TOKENSCOPE_MODELS_DIR ?? resolve(REPO_ROOT, '../shared/models');
const STORIES = join(MODELS, 'stories260K.gguf');
const SERVING = /Tokenscope serving \S+ at (http:\/\/\S+\/v1) /;
const dir = mkdtempSync(join(tmpdir(), 'tokenscope-consistency-'));

let serve: ChildProcess;
let served: string;
const upstream: Partial<Record<'refuse' | 'drop' | 'pass', RefusingUpstream>> = {};

beforeAll(async () => {
  ensureBuilt();
  serve = spawn(
    process.execPath,
    [BIN, 'serve', '-m', STORIES, '--port', '0', '--threads', '1', '--no-app'],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, TOKENSCOPE_API_KEY: undefined, TOKENSCOPE_DATA_DIR: dir },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  served = await new Promise<string>((done, fail) => {
    let out = '';
    serve.stdout?.on('data', (chunk: Buffer) => {
      out += String(chunk);
      const url = SERVING.exec(out)?.[1];
      if (url) done(url);
    });
    serve.once('exit', (code) => fail(new Error(`tokenscope serve exited (${code}): ${out}`)));
  });
  for (const mode of ['refuse', 'drop', 'pass'] as const) {
    upstream[mode] = await startRefusingUpstream(served, mode);
  }
}, 120_000);

afterAll(async () => {
  await Promise.all(Object.values(upstream).map((u) => u.close()));
  if (serve?.pid !== undefined && serve.exitCode === null) process.kill(serve.pid, 'SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

const ask = (baseURL: string, ...args: string[]) =>
  runCliAsync([
    'ask',
    'Once upon a time',
    '--base-url',
    baseURL,
    '--model',
    'stories260K',
    '--max-tokens',
    '8',
    ...args,
  ]);

interface JsonConsistency {
  confidence: string;
  fallback?: string;
  gate: { verdict: string; reason: string };
  samples: ConsistencySample[];
  temperature: number;
  cost: { requests: number; ms: number };
  agreement: number;
  label: string;
  disclaimer: string;
}

/** Core's analysis of the samples the command printed, at the temperature and cost it printed. */
function reanalyzed(json: JsonConsistency) {
  return analyzeConsistency(json.samples, { temperature: json.temperature, cost: json.cost });
}

describe('ask --base-url on an endpoint without logprobs', () => {
  it('a 400 refusing logprobs: one line on stderr saying why, then the sampling-based view', async () => {
    const up = upstream.refuse!;
    up.log.length = 0;
    const r = await ask(up.baseURL, '--samples', '3', '--no-color');
    expect(r.status).toBe(0);
    expect(isOneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(
      /^tokenscope: OpenAI Chat Completions \(.*\) gave no logprobs for model "stories260K": the server refused them \(400: Invalid parameter: 'logprobs' is not supported with this model\.\); falling back to sampling consistency: 3 samples at temperature 0\.7/,
    );
    expect(r.stdout).toMatch(
      /^Confidence: sampling-based confidence: 3 samples at temperature 0\.7, agreement\s+of the answers; 3 requests, \d+ tokens, \d+\.\d s/,
    );
    expect(r.stdout).toMatch(/not whether it is\s+true/);
    expect(r.stdout).not.toMatch(/Summary: \d+ tokens/);
    expect(up.log).toEqual([
      'POST /v1/chat/completions logprobs=yes temperature=0',
      ...new Array(3).fill('POST /v1/chat/completions logprobs=no temperature=0.7'),
    ]);
  }, 60_000);

  it('an endpoint that silently drops them: --format json carries the fallback, the samples and their analysis', async () => {
    const r = await ask(
      upstream.drop!.baseURL,
      '--samples',
      '4',
      '--format',
      'json',
      '--temperature',
      '0.9',
      '--fail-on-flag',
    );
    expect(r.stderr).toMatch(
      /the server answered without logprobs \(it ignored the parameter\); falling back to sampling consistency: 4 samples at temperature 0\.9/,
    );
    const json = JSON.parse(r.stdout) as JsonConsistency;
    expect(json.confidence).toBe('consistency');
    expect(json.fallback).toMatch(/answered without logprobs/);
    expect(json.samples).toHaveLength(4);
    expect(json.temperature).toBe(0.9);
    expect(json.cost.requests).toBe(4);
    const again = reanalyzed(json);
    expect(json).toMatchObject({ agreement: again.agreement, mode: again.mode, sentences: again.sentences });
    expect(json.gate.verdict).toBe(gateConsistency(again).verdict);
    // --fail-on-flag: exit 2 exactly when the consistency gate asks for review, saying why.
    const review = json.gate.verdict === 'review';
    expect(r.status).toBe(review ? 2 : 0);
    expect(r.stderr.includes('gate failed: sampling consistency:')).toBe(review);
    expect(json.label).toMatch(
      /^sampling-based confidence: 4 samples at temperature 0\.9, agreement of the answers; 4 requests/,
    );
    expect(json.disclaimer).toMatch(/not whether it is true/);
  }, 60_000);
});

describe('ask --confidence on an endpoint that has logprobs', () => {
  it('consistency: samples only, no logprob request, no fallback line', async () => {
    const up = upstream.pass!;
    up.log.length = 0;
    const r = await ask(up.baseURL, '--confidence', 'consistency', '--samples', '2', '--no-color');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Confidence: sampling-based confidence: 2 samples/);
    expect(up.log).toEqual(new Array(2).fill('POST /v1/chat/completions logprobs=no temperature=0.7'));
  }, 60_000);

  it('both: the X-ray, the consistency view and the comparison; JSON with the two and their comparison', async () => {
    const text = await ask(served, '--confidence', 'both', '--samples', '3', '--no-color');
    expect(text.status).toBe(0);
    expect(text.stderr).toBe('');
    const xray = text.stdout.indexOf('Summary: 8 tokens');
    const view = text.stdout.indexOf('Confidence: sampling-based confidence: 3 samples');
    const line = text.stdout.indexOf('Comparison: token confidence exp(mean logprob) ');
    expect(xray).toBeGreaterThan(0);
    expect(view).toBeGreaterThan(xray);
    expect(line).toBeGreaterThan(view);

    const r = await ask(served, '--confidence', 'both', '--samples', '3', '--format', 'json');
    const json = JSON.parse(r.stdout) as {
      confidence: string;
      logprobs: { text: string; tokens: Array<{ logprob: number }>; summary: { meanLogprob: number } };
      consistency: JsonConsistency;
      comparison: {
        tokenConfidence: number;
        agreement: number;
        samples: number;
        tokenVerdict: string;
        consistencyVerdict: string;
      };
    };
    expect(json.confidence).toBe('both');
    expect(json.logprobs.tokens).toHaveLength(8);
    // The consistency view judges the answer the X-ray shows: it comes first, then the 3 samples.
    expect(json.consistency.samples.map((x) => x.text)[0]).toBe(json.logprobs.text);
    expect(json.consistency.samples).toHaveLength(4);
    expect(json.consistency.cost.requests).toBe(3);
    expect(json.comparison.tokenConfidence).toBeCloseTo(Math.exp(json.logprobs.summary.meanLogprob), 12);
    expect(json.comparison.agreement).toBe(reanalyzed(json.consistency).agreement);
    expect(json.comparison.samples).toBe(3);
    expect(json.consistency.label).toMatch(
      /^sampling-based confidence: 3 samples at temperature 0\.7 and the answer generated with logprobs, agreement of the answers; 3 requests/,
    );
    expect(json.comparison.consistencyVerdict).toBe(gateConsistency(reanalyzed(json.consistency)).verdict);
  }, 90_000);
});

describe('classify on an endpoint without logprobs', () => {
  it("falls back to sampling: each label's agreement over the sampled answers", async () => {
    const labels = ['Lily', 'Tim', 'Sue'];
    const r = await runCliAsync([
      'classify',
      '--base-url',
      upstream.refuse!.baseURL,
      '--model',
      'stories260K',
      '--labels',
      labels.join(','),
      '--prompt-template',
      '{text} Her name was',
      '--samples',
      '4',
      '--format',
      'json',
      'Once upon a time there was a girl.',
    ]);
    expect(r.status).toBe(0);
    expect(isOneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(
      /not supported with this model.*falling back to sampling consistency: 4 samples/,
    );
    const json = JSON.parse(r.stdout) as ReturnType<typeof classifyFromSamples> & { model: string };
    expect(json.method).toBe('sampling');
    expect(json.sampling?.samples).toHaveLength(4);
    const { model: _model, ...result } = json;
    const sampling = json.sampling!;
    expect(result).toEqual(
      classifyFromSamples(labels, sampling.samples, {
        temperature: sampling.temperature,
        cost: sampling.cost,
      }),
    );

    // --confidence both on the same endpoint: the sampled classification alone, said on stderr.
    const both = await runCliAsync([
      'classify',
      '--base-url',
      upstream.refuse!.baseURL,
      '--model',
      'stories260K',
      '--labels',
      labels.join(','),
      '--confidence',
      'both',
      '--samples',
      '2',
      '--format',
      'json',
      'Once upon a time there was a girl.',
    ]);
    expect(both.status).toBe(0);
    expect(isOneLine(both.stderr)).toBe(true);
    expect(both.stderr).toMatch(
      /not supported with this model.*falling back to sampling consistency: 2 samples/,
    );
    expect((JSON.parse(both.stdout) as { method: string }).method).toBe('sampling');
  }, 60_000);
});

describe('batch and calibrate with both signals', () => {
  const rows = join(dir, 'rows.jsonl');
  const dataDir = join(dir, 'data');
  writeFileSync(
    rows,
    [
      '{"id":"r1","prompt":"Once upon a time, there was a little girl named","expected":" Lily","max_tokens":3}',
      '{"id":"r2","prompt":"One day, Tom went to the","expected":" park","max_tokens":3}',
      '{"id":"r3","prompt":"The cat was very","expected":" happy","max_tokens":3}',
      '{"id":"r4","prompt":"Lily and her mom went to the","expected":" park","max_tokens":3}',
    ].join('\n'),
  );

  it('a remote batch behind a refusing endpoint stores sample-only runs judged by gateConsistency', async () => {
    const r = await runCliAsync([
      'batch',
      rows,
      '--dataset',
      'refused',
      '--base-url',
      upstream.refuse!.baseURL,
      '--model',
      'stories260K',
      '--samples',
      '3',
      '--data-dir',
      dataDir,
      '--format',
      'json',
    ]);
    expect(r.status).toBe(0);
    const fallbacks = r.stderr.split('\n').filter((l) => l.includes('falling back'));
    expect(fallbacks).toHaveLength(1);
    expect(fallbacks[0]).toMatch(
      /^tokenscope: batch: .*not supported with this model.*\(this row and the next ones\)$/,
    );
    const summary = JSON.parse(r.stdout) as { total: { verdicts: Record<string, number> } };
    const store = await openRunStore({ dataDir });
    try {
      const list = await store.list({ dataset: 'refused' });
      expect(list.total).toBe(4);
      const verdicts = { publish: 0, review: 0 };
      for (const item of list.runs) {
        const run = await store.get(item.id);
        expect(run.consistency?.samples).toHaveLength(3);
        expect(run.response.completions.every((c) => c.tokens.length === 0)).toBe(true);
        expect(run.summary.agreement).toBe(run.consistency!.agreement);
        expect(item.verdict).toBe(gateConsistency(run.consistency!).verdict);
        verdicts[item.verdict]++;
      }
      expect(summary.total.verdicts).toEqual(verdicts);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('a local batch --confidence both, then calibrate --dataset compares the signals on the expected answers', async () => {
    const b = await runCliAsync([
      'batch',
      rows,
      '--dataset',
      'both',
      '-m',
      STORIES,
      '--threads',
      '1',
      '--confidence',
      'both',
      '--samples',
      '5',
      '--data-dir',
      dataDir,
      '--summary',
      'none',
    ]);
    expect(b.status).toBe(0);
    const pairs = [];
    const store = await openRunStore({ dataDir });
    try {
      for (const item of (await store.list({ dataset: 'both' })).runs) {
        const run = await store.get(item.id);
        expect(run.response.completions[0]!.tokens.length).toBeGreaterThan(0);
        // The answer generated with logprobs first, then the 5 samples: both views judge the same answer.
        expect(run.consistency?.samples).toHaveLength(6);
        expect(run.consistency?.samples[0]?.text).toBe(run.response.completions[0]!.text);
        pairs.push({
          logprobs: Math.exp(run.summary.meanLogprob),
          agreement: run.summary.agreement!,
          correct: normalizeAnswer(run.response.completions[0]!.text) === normalizeAnswer(run.expected!),
        });
      }
    } finally {
      await store.close();
    }
    const c = await runCliAsync([
      'calibrate',
      '--dataset',
      'both',
      '--data-dir',
      dataDir,
      '--format',
      'json',
      '--bootstrap',
      '20',
    ]);
    expect(c.status).toBe(0);
    const report = JSON.parse(c.stdout) as {
      signal: string;
      dataset: { withAgreement: number; withBoth: number };
      signals: ReturnType<typeof compareSignalCalibration>;
    };
    expect(report.signal).toBe('logprobs');
    expect(report.dataset).toMatchObject({ withAgreement: 4, withBoth: 4 });
    // Order-independent: the metrics do not depend on the order of the answers.
    expect(report.signals).toEqual(JSON.parse(JSON.stringify(compareSignalCalibration(pairs))));
    const text = await runCliAsync([
      'calibrate',
      '--dataset',
      'both',
      '--data-dir',
      dataDir,
      '--bootstrap',
      '20',
    ]);
    expect(text.stdout).toContain('Signals compared on 4 labelled answers with both');
    expect(text.stdout).toContain(report.signals.line);
  }, 180_000);
});

describe('bad input', () => {
  it('--samples outside 2..50 or not a number, and an unknown --confidence, are clear errors', async () => {
    const cases: Array<[string[], string]> = [
      [
        ['--samples', '1'],
        "tokenscope: option '--samples <n>' argument '1' is invalid. Expected an integer from 2 to 50 (answers to sample and compare), got \"1\".\n",
      ],
      [
        ['--samples', 'abc'],
        "tokenscope: option '--samples <n>' argument 'abc' is invalid. Expected an integer from 2 to 50 (answers to sample and compare), got \"abc\".\n",
      ],
      [
        ['--confidence', 'maybe'],
        "tokenscope: option '--confidence <signal>' argument 'maybe' is invalid. Allowed choices are logprobs, consistency, both.\n",
      ],
    ];
    for (const command of ['ask', 'classify', 'batch']) {
      for (const [args, message] of cases) {
        const r = await runMain([command, 'x', ...args]);
        expect(r.code, `${command} ${args.join(' ')}`).toBe(1);
        expect(r.stderr, `${command} ${args.join(' ')}`).toBe(message);
      }
    }
  });
});
