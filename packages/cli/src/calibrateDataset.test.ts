/**
 * `tokenscope calibrate --dataset` and `gate --dataset` in process: a dataset of real recorded
 * fixtures in a temporary SQLite store (and one PostgreSQL database), labelled by review decisions
 * and expected answers; the report must equal core's `calibrate` on the same samples.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  analyze,
  type CalibrationSample,
  calibrate,
  normalizeAnswer,
  parseResponse,
  type ReviewDecisionKind,
} from '@tokenscope/core';
import { openRunStore, type RunStore } from '@tokenscope/store';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../store/test/postgresDatabase.js';
import { FIXTURES, REPO_ROOT } from '../test/cliHarness.js';
import { runMain } from '../test/memoryIo.js';

const EIFFEL = join(REPO_ROOT, 'packages/core/src/gating/__fixtures__/openai-chat.eiffel.unrecorded.json');

/** How each run is labelled: by review decisions per sentence, by an expected answer, or not at all. */
interface Seed {
  file: string;
  decisions?: ReviewDecisionKind[];
  expected?: string;
  /** The label the run must get (undefined: left out). */
  correct?: boolean;
  source?: 'review' | 'expected';
}

const SEEDS: Seed[] = [
  {
    file: 'openai-chat.seed003.recorded.json',
    expected: '  andrzej   DUDA! ',
    correct: true,
    source: 'expected',
  },
  {
    file: 'openai-chat.tokenscope-serve-stories260k.recorded.json',
    decisions: ['rejected'],
    correct: false,
    source: 'review',
  },
  { file: 'tgi.generate.recorded.json', decisions: ['approved'], correct: true, source: 'review' },
  {
    file: 'openai-completions.tokenscope-serve-stories260k.recorded.json',
    decisions: ['approved', 'rejected'],
    correct: false,
    source: 'review',
  },
  {
    file: 'openai-completions.tokenscope-serve-echo.recorded.json',
    decisions: ['approved', 'approved'],
    correct: true,
    source: 'review',
  },
  {
    file: 'gemini.generate-content.unrecorded.json',
    expected: 'The sky is green',
    correct: false,
    source: 'expected',
  },
  { file: 'llamacpp-completion.whole.unrecorded.json', expected: 'paris', correct: true, source: 'expected' },
  // A review wins over the expected answer.
  {
    file: 'openai-responses.whole.unrecorded.json',
    decisions: ['approved'],
    expected: 'no',
    correct: true,
    source: 'review',
  },
  { file: 'openai-chat.sentinel.unrecorded.json' },
  { file: 'sglang.generate.unrecorded.json', decisions: ['edited'], correct: false, source: 'review' },
  {
    file: 'vllm.chat-prompt-logprobs.unrecorded.json',
    decisions: ['approved'],
    correct: true,
    source: 'review',
  },
];

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tokenscope-calibrate-dataset-'));
  const store = await openRunStore({ dataDir });
  try {
    await seed(store, 'qa');
    // Only one class: every labelled answer right.
    await seed(
      store,
      'allright',
      SEEDS.filter((s) => s.correct === true),
    );
    await seed(store, 'unlabelled', [{ file: 'openai-chat.seed003.recorded.json' }]);
  } finally {
    await store.close();
  }
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Saves one run per seed into the dataset, with its reviews; returns the label of each run id. */
async function seed(store: RunStore, dataset: string, seeds: Seed[] = SEEDS): Promise<Map<string, Seed>> {
  const byId = new Map<string, Seed>();
  for (const s of seeds) {
    const response = parseResponse(readFileSync(join(FIXTURES, s.file), 'utf8'));
    const run = await store.save({
      source: 'import',
      model: s.file,
      prompt: null,
      params: {},
      response,
      fileName: s.file,
      dataset,
      ...(s.expected === undefined ? {} : { expected: s.expected }),
    });
    const sentences = analyze(response).sentences;
    for (const [i, decision] of (s.decisions ?? []).entries()) {
      const sentence = sentences[i]!;
      await store.review(run.id, {
        sentence: i,
        charStart: sentence.charStart,
        charEnd: sentence.charEnd,
        text: sentence.text,
        decision,
        ...(decision === 'edited' ? { editedText: 'Lyon.' } : {}),
      });
    }
    byId.set(run.id, s);
  }
  return byId;
}

/** The samples the test expects, in the store's export order, with labels from the seeds. */
async function expectedSamples(store: RunStore, dataset: string): Promise<CalibrationSample[]> {
  const bySeed = new Map(SEEDS.map((s) => [s.file, s]));
  const samples: CalibrationSample[] = [];
  for await (const row of store.exportRows({ dataset })) {
    const s = bySeed.get(row.model)!;
    expect(row.tokens).toBeGreaterThan(0);
    if (s.correct !== undefined) samples.push({ confidence: Math.exp(row.meanLogprob), correct: s.correct });
  }
  return samples;
}

async function withStore<T>(f: (store: RunStore) => Promise<T>): Promise<T> {
  const store = await openRunStore({ dataDir });
  try {
    return await f(store);
  } finally {
    await store.close();
  }
}

describe("core's normalizeAnswer, as calibrate compares answers with the expected ones", () => {
  it('trims, case-folds, collapses whitespace and strips trailing punctuation', () => {
    expect(normalizeAnswer('  Andrzej \n DUDA!? ')).toBe('andrzej duda');
    expect(normalizeAnswer(' Paris.')).toBe('paris');
    expect(normalizeAnswer('3.14')).toBe('3.14');
  });
});

describe('tokenscope calibrate --dataset (SQLite)', () => {
  it('labels from reviews and expected answers; the report equals core calibrate on the same samples', async () => {
    const samples = await withStore((store) => expectedSamples(store, 'qa'));
    expect(samples).toHaveLength(10);
    const r = await runMain([
      'calibrate',
      '--dataset',
      'qa',
      '--data-dir',
      dataDir,
      '--format',
      'json',
      '--budget',
      '0.3',
      '--catch',
      '0.8',
      '--bootstrap',
      '50',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.dataset).toEqual({
      dataset: 'qa',
      runs: 11,
      reviewed: 7,
      expected: 3,
      unlabelled: 1,
      noTokens: 0,
      withAgreement: 0,
      withBoth: 0,
    });
    const core = JSON.parse(
      JSON.stringify(calibrate(samples, { bins: 10, bootstrap: 50, seed: 1, budget: 0.3, catch: 0.8 })),
    );
    for (const key of ['rows', 'metrics', 'maps', 'riskCoverage', 'budget', 'catch', 'notes']) {
      expect(report[key], key).toEqual(core[key]);
    }
    const t = core.budget.threshold as number;
    expect(report.proposedThresholds).toEqual({
      publish: Math.log(t),
      review: Math.log(t) - 0.001,
    });
  });

  it('ansi: the labels line first, the proposal last', async () => {
    const r = await runMain([
      'calibrate',
      '--dataset',
      'qa',
      '--data-dir',
      dataDir,
      '--budget',
      '30%',
      '--bootstrap',
      '0',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Dataset qa: 10 labelled answers of 11 runs \(7 by reviewers' decisions, 3 by the expected answer\); left out: 1 without a review or an expected answer\nConfidence: exp\(mean token logprob\) of each answer\n\nCalibration of 10 answers/,
    );
    expect(r.stdout).toMatch(
      /review at most 30 % of answers: threshold mean logprob -\d+\.\d\d \(p \d+(\.\d)? %\) catches \d+ % of the wrong answers/,
    );
    expect(r.stdout).toContain('review = publish - 0.001');
  });

  it('--save stores the proposed thresholds; datasetSummary and gate --dataset then use them', async () => {
    const r = await runMain([
      'calibrate',
      '--dataset',
      'qa',
      '--data-dir',
      dataDir,
      '--budget',
      '0.3',
      '--save',
      '--format',
      'json',
      '--bootstrap',
      '0',
    ]);
    expect(r.code).toBe(0);
    const proposed = JSON.parse(r.stdout).proposedThresholds;
    expect(r.stderr).toMatch(
      /^tokenscope: at these thresholds the gate sends \d+ of 11 answers of dataset qa to review/,
    );
    expect(r.stderr).toMatch(/\ntokenscope: saved the gate thresholds of dataset qa: publish above -\d/);
    expect(r.stderr).toContain('report, batch summaries, gate --dataset and the app now use them');
    const { settings, summary } = await withStore(async (store) => ({
      settings: await store.datasetSettings('qa'),
      summary: await store.datasetSummary({ dataset: 'qa' }),
    }));
    expect(settings.thresholds).toEqual(proposed);
    expect(settings.thresholdsNote).toMatch(/^calibrate: budget 30 %, 10 labelled answers, \d{4}-\d\d-\d\d$/);
    expect(summary.thresholdsSource).toBe('dataset');
    expect(summary.thresholds).toEqual(proposed);

    const gate = await runMain([
      'gate',
      EIFFEL,
      '--dataset',
      'qa',
      '--data-dir',
      dataDir,
      '--format',
      'json',
    ]);
    expect(gate.stderr).toMatch(
      /^tokenscope: gate thresholds publish -[\d.]+, review -[\d.]+: saved for dataset qa \(/,
    );
    expect(gate.stderr).toContain(settings.thresholdsNote!);
    expect(JSON.parse(gate.stdout).thresholds).toEqual(proposed);

    // An explicit bound wins over the saved one.
    const mixed = await runMain([
      'gate',
      EIFFEL,
      '--dataset',
      'qa',
      '--data-dir',
      dataDir,
      '--format',
      'json',
      '--review',
      '-9',
    ]);
    expect(JSON.parse(mixed.stdout).thresholds).toEqual({ publish: proposed.publish, review: -9 });
    expect(mixed.stderr).toContain('with the bound given on the command line');
  });

  it('gate --dataset without saved thresholds says it uses the defaults', async () => {
    const r = await runMain([
      'gate',
      EIFFEL,
      '--dataset',
      'allright',
      '--data-dir',
      dataDir,
      '--format',
      'json',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^tokenscope: dataset allright has no saved thresholds .*publish -0\.5, review -1\.5/,
    );
    expect(JSON.parse(r.stdout).thresholds).toEqual({ publish: -0.5, review: -1.5 });
  });

  it.each([
    [['--dataset', 'nope'], /^tokenscope: dataset "nope" has no runs in .*runs\.sqlite/],
    [
      ['--dataset', 'unlabelled'],
      /^tokenscope: dataset "unlabelled" has 1 runs: 0 reviewed, 0 with an expected answer \(only 0 labelled\); .*review answers in the app's review queue, or give "expected" in the batch rows\n$/,
    ],
    [
      ['--dataset', 'allright'],
      /^tokenscope: dataset "allright" has 6 runs: 4 reviewed, 2 with an expected answer \(6 labelled answers, all right\)/,
    ],
    [['--dataset', 'qa', '--save'], /^tokenscope: --save needs --budget/],
    [['--save', '-'], /^tokenscope: --save needs --dataset NAME/],
    [
      ['rows.jsonl', '--dataset', 'qa'],
      /^tokenscope: give either FILE \(rows\.jsonl\) or --dataset qa, not both/,
    ],
  ])('fails with exit 1: %j', async (args, message) => {
    const r = await runMain(['calibrate', ...args, '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('tokenscope calibrate --dataset (PostgreSQL)', () => {
  it('--database-url: the same labels and a saved threshold', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const store = await openRunStore({ databaseUrl: database.url });
    cleanups.push(() => store.close());
    await seed(store, 'qa');
    const samples = await expectedSamples(store, 'qa');
    const r = await runMain([
      'calibrate',
      '--dataset',
      'qa',
      '--database-url',
      database.url,
      '--format',
      'json',
      '--budget',
      '0.3',
      '--bootstrap',
      '0',
      '--save',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.dataset).toMatchObject({ runs: 11, reviewed: 7, expected: 3, unlabelled: 1 });
    const core = JSON.parse(JSON.stringify(calibrate(samples, { bootstrap: 0, budget: 0.3 })));
    expect(report.metrics).toEqual(core.metrics);
    expect(report.budget).toEqual(core.budget);
    expect((await store.datasetSettings('qa')).thresholds).toEqual(report.proposedThresholds);
    expect((await store.datasetSummary({ dataset: 'qa' })).thresholdsSource).toBe('dataset');
  }, 60_000);
});
