/**
 * `tokenscope report` in process: a SQLite history of runs built from recorded responses, reported
 * as text, JSON (equal to the store's own summary of the same query) and HTML; unknown datasets and
 * bad option values; and once against PostgreSQL with --database-url.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DatasetQuery, DISCLAIMER, toDatasetSummaryDocument } from '@tokenscope/core';
import { openRunStore, type RunStore } from '@tokenscope/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOneLine } from '../test/cliHarness.js';
import { HOSTILE_MODEL, saveDatasetRuns, usePostgresDatasetRuns } from '../test/datasetRuns.js';
import { runMain } from '../test/memoryIo.js';

let dir: string;
let store: RunStore;
let ids: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tokenscope-report-'));
  store = await openRunStore({ dataDir: dir });
  ids = await saveDatasetRuns(store);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `tokenscope report ARGS --data-dir DIR`. */
function report(...args: string[]) {
  return runMain(['report', ...args, '--data-dir', dir]);
}

/** What the JSON report must be: the store's summary of the same query, as a document. */
async function expected(query: DatasetQuery) {
  return JSON.parse(JSON.stringify(toDatasetSummaryDocument(await store.datasetSummary(query))));
}

describe('tokenscope report (SQLite)', () => {
  it('text: the dataset grouped by model, each model a column, the totals and the disclaimer', async () => {
    const r = await report('--dataset', 'support-faq', '--group-by', 'model');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = await store.datasetSummary({ dataset: 'support-faq', groupBy: 'model' });
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'Dataset summary: "support-faq", grouped by model',
      'filter: dataset "support-faq"',
      "gate: publish above a mean logprob of -0.5, review below -1.5 (Tokenscope's defaults)",
    ]);
    expect(r.stdout).toContain(`Totals: ${summary.total.answers} answers, ${summary.total.tokens} tokens`);
    expect(r.stdout).toContain(`By model (${summary.groups.length} groups)`);
    const header = lines.find((l) => l.includes('gpt-4o'))!;
    expect(header).toContain('stories260K');
    expect(header).toContain('<script>alert("model")<…');
    const answers = lines
      .find((l) => l.startsWith('answers  '))!
      .slice('answers'.length)
      .trim()
      .split(/\s+/);
    expect(answers).toEqual([summary.total, ...summary.groups].map((g) => String(g.answers)));
    expect(r.stdout).toContain(
      `reviewed by people: 1 answer (1 with a rejected or edited sentence, 0 approved)`,
    );
    expect(r.stdout).toMatch(/^Mean logprob per answer \(5 answers with tokens\)$/m);
    expect(r.stdout).toContain('Failed batch rows: 0');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(DISCLAIMER);
  });

  it('json: equal to the store summary of the same query, every group key present', async () => {
    const r = await report('--dataset', 'support-faq', '--group-by', 'prompt-version', '--format', 'json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toEqual(await expected({ dataset: 'support-faq', groupBy: 'promptVersion' }));
    expect(doc).toMatchObject({ version: 1, kind: 'tokenscope-dataset-summary', disclaimer: DISCLAIMER });
    expect(doc.groups.map((g: { key: string | null }) => g.key).sort()).toEqual(['v1', 'v2', null].sort());
    expect(doc.total.answers).toBe(5);
  });

  it('json: filters and thresholds reach the store (model, tag, since, until, --publish/--review)', async () => {
    const r = await report(
      '--model',
      'gpt-4o',
      '--tag',
      'prod',
      '--since',
      '2000-01-01',
      '--until',
      '2999-12-31T23:59Z',
      '--publish',
      '-0.3',
      '--review',
      '-1',
      '--group-by',
      'tag',
      '--format',
      'json',
    );
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(doc).toEqual(
      await expected({
        model: 'gpt-4o',
        tag: 'prod',
        since: '2000-01-01T00:00:00.000Z',
        until: '2999-12-31T23:59:00.000Z',
        thresholds: { publish: -0.3, review: -1 },
        groupBy: 'tag',
      }),
    );
    expect(doc.thresholdsSource).toBe('query');
    expect(doc.total.answers).toBe(2);
    expect(doc.groups.map((g: { key: string }) => g.key).sort()).toEqual(['billing', 'prod']);
  });

  it("one threshold alone keeps the other from the dataset's saved thresholds", async () => {
    await store.saveDatasetThresholds('eval-2', { publish: -0.4, review: -1.2 });
    const r = await report('--dataset', 'eval-2', '--review', '-2', '--format', 'json');
    expect(JSON.parse(r.stdout).thresholds).toEqual({ publish: -0.4, review: -2 });
    const bad = await report('--dataset', 'eval-2', '--publish', '-1.3');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      "tokenscope: --publish (-1.3) must be above the dataset's saved review threshold (-1.2): give --review too\n",
    );
  });

  it('no dataset and no filter: the whole history, verdict and search filters too', async () => {
    const all = await report();
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/^Run history summary\nfilter: none \(the whole history\)\n/);
    expect(all.stdout).toContain(`Totals: ${ids.length} answers`);
    expect(all.stdout).not.toContain('Failed batch rows');

    const review = JSON.parse((await report('--verdict', 'review', '--format', 'json')).stdout);
    expect(review).toEqual(await expected({ verdict: 'review', groupBy: 'none' }));
    expect(review.total.verdicts.publish).toBe(0);
    const search = JSON.parse((await report('--search', 'Poland', '--format', 'json')).stdout);
    expect(search).toEqual(await expected({ search: 'Poland', groupBy: 'none' }));
  });

  it('html to a file: one page, no scripts, hostile names escaped, a histogram per group', async () => {
    const file = join(dir, 'report.html');
    const r = await report('--dataset', 'support-faq', '--group-by', 'model', '--format', 'html', '-o', file);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.toLowerCase()).not.toContain('<script');
    expect(html).not.toContain(HOSTILE_MODEL);
    expect(html).toContain('&lt;script&gt;alert(&quot;model&quot;)&lt;/script&gt;');
    // The total and three models.
    expect(html.match(/<svg /g)).toHaveLength(4);
    expect(html).toContain('<title>Dataset summary: support-faq</title>');
  });

  it('an unknown dataset: exit 1, one line listing the datasets that have runs', async () => {
    const r = await report('--dataset', 'support-fqa');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const names = (await store.datasets()).map((d) => d.name);
    expect([...names].sort()).toEqual(['eval-2', 'support-faq']);
    expect(r.stderr).toBe(`tokenscope: no runs in dataset "support-fqa"; datasets: ${names.join(', ')}\n`);
  });

  it.each([
    [['--group-by', 'week'], /option '--group-by <group>' argument 'week' is invalid/],
    [['--since', 'yesterday'], /option '--since <date>' argument 'yesterday' is invalid/],
    [['--until', '2026-02-30'], /option '--until <date>' argument '2026-02-30' is invalid/],
    [['--verdict', 'maybe'], /option '--verdict <verdict>' argument 'maybe' is invalid/],
    [['--publish', '0.5'], /option '--publish <logprob>' argument '0\.5' is invalid/],
    [['--publish', '-2', '--review', '-1'], /^tokenscope: --publish \(-2\) must be above --review \(-1\)/],
    [['--format', 'pdf'], /option '--format <format>' argument 'pdf' is invalid/],
    [['--dataset', ' '], /option '--dataset <name>' argument ' ' is invalid/],
  ])('fails with exit 1 and one line naming the option: %j', async (args, message) => {
    const r = await report(...args);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(isOneLine(r.stderr)).toBe(true);
  });
});

describe('tokenscope report (PostgreSQL)', () => {
  const pg = usePostgresDatasetRuns();

  it('--database-url: the same report, equal to the PostgreSQL store summary', async () => {
    const r = await runMain([
      'report',
      '--database-url',
      pg.url,
      '--dataset',
      'support-faq',
      '--group-by',
      'model',
      '--format',
      'json',
    ]);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    const summary = await pg.store.datasetSummary({ dataset: 'support-faq', groupBy: 'model' });
    expect(doc).toEqual(JSON.parse(JSON.stringify(toDatasetSummaryDocument(summary))));
    expect(doc.groups.map((g: { key: string }) => g.key).sort()).toEqual(
      ['gpt-4o', 'stories260K', HOSTILE_MODEL].sort(),
    );
    const text = await runMain(['report', '--database-url', pg.url, '--dataset', 'nope']);
    const names = (await pg.store.datasets()).map((d) => d.name).join(', ');
    expect(text.code).toBe(1);
    expect(text.stderr).toBe(`tokenscope: no runs in dataset "nope"; datasets: ${names}\n`);
  });
});
