/**
 * `tokenscope export` in process: a SQLite history of runs built from recorded responses, exported
 * as CSV, JSON lines and Parquet and read back with independent readers; the rows equal the store's
 * `exportRows` of the same filter; errors leave no file; and once against PostgreSQL.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatasetExportRow, RunQuery } from '@tokenscope/core';
import { openRunStore, type RunStore } from '@tokenscope/store';
import { parse } from 'csv-parse/sync';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOneLine } from '../test/cliHarness.js';
import { HOSTILE_MODEL, saveDatasetRuns, usePostgresDatasetRuns } from '../test/datasetRuns.js';
import { runMain } from '../test/memoryIo.js';
import { formatSize } from './io/formatSize.js';

let dir: string;
let store: RunStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tokenscope-export-cli-'));
  store = await openRunStore({ dataDir: join(dir, 'data') });
  await saveDatasetRuns(store);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function exportRuns(...args: string[]) {
  return runMain(['export', ...args, '--data-dir', join(dir, 'data')]);
}

async function rowsOf(s: RunStore, query: Omit<RunQuery, 'limit' | 'offset'>): Promise<DatasetExportRow[]> {
  const rows: DatasetExportRow[] = [];
  for await (const row of s.exportRows(query)) rows.push(row);
  return rows;
}

/** The line on stderr after a successful export. */
function exported(rows: number, file: string): string {
  return `tokenscope: exported ${rows} run${rows === 1 ? '' : 's'} to ${file} (${formatSize(statSync(file).size)})\n`;
}

describe('tokenscope export (SQLite)', () => {
  it('csv: one record per run of the dataset, read back with csv-parse', async () => {
    const file = join(dir, 'faq.csv');
    const r = await exportRuns('--dataset', 'support-faq', '--format', 'csv', '-o', file);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
    const rows = await rowsOf(store, { dataset: 'support-faq' });
    expect(rows).toHaveLength(5);
    expect(r.stderr).toBe(exported(5, file));
    const records: Record<string, string>[] = parse(readFileSync(file, 'utf8'), { columns: true });
    expect(records.map((c) => c.run_id)).toEqual(rows.map((row) => row.runId));
    expect(records.map((c) => c.model)).toContain(HOSTILE_MODEL);
    expect(records.map((c) => Number(c.mean_logprob))).toEqual(rows.map((row) => row.meanLogprob));
    expect(records.map((c) => c.tags)).toEqual(rows.map((row) => row.tags.join('|')));
    expect(records.map((c) => c.rejected_sentences)).toEqual(['1', '0', '0', '0', '0']);
    expect(records.map((c) => c.dataset)).toEqual(Array(5).fill('support-faq'));
  });

  it('jsonl, the format taken from the extension: the filter applied (model, prompt version)', async () => {
    const file = join(dir, 'gpt.jsonl');
    const r = await exportRuns(
      '--dataset',
      'support-faq',
      '--model',
      'gpt-4o',
      '--prompt-version',
      'v2',
      '-o',
      file,
    );
    expect(r.code).toBe(0);
    const rows = await rowsOf(store, { dataset: 'support-faq', model: 'gpt-4o', promptVersion: 'v2' });
    expect(rows).toHaveLength(1);
    expect(r.stderr).toBe(exported(1, file));
    const lines = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      run_id: rows[0]!.runId,
      model: 'gpt-4o',
      prompt_version: 'v2',
      tags: rows[0]!.tags,
      mean_logprob: rows[0]!.meanLogprob,
      tokens: rows[0]!.tokens,
      verdict: rows[0]!.verdict,
    });
  });

  it('parquet: every run of the history without a filter, read back with hyparquet', async () => {
    const file = join(dir, 'all.parquet');
    const r = await exportRuns('--format', 'parquet', '-o', file);
    expect(r.code).toBe(0);
    const rows = await rowsOf(store, {});
    expect(rows).toHaveLength(7);
    expect(r.stderr).toBe(exported(7, file));
    const records = await parquetReadObjects({ file: await asyncBufferFromFile(file) });
    expect(records.map((c) => c.run_id)).toEqual(rows.map((row) => row.runId));
    expect(records.map((c) => c.tokens)).toEqual(rows.map((row) => BigInt(row.tokens)));
    expect(records.map((c) => c.mean_logprob)).toEqual(rows.map((row) => row.meanLogprob));
    expect(records.map((c) => c.dataset)).toEqual(rows.map((row) => row.dataset));
  });

  it('zero matching runs still writes a file (a header only)', async () => {
    const file = join(dir, 'none.csv');
    const r = await exportRuns('--dataset', 'eval-2', '--tag', 'nothing', '-o', file);
    expect(r.stderr).toBe(exported(0, file));
    expect(readFileSync(file, 'utf8').split('\n')[0]).toMatch(/^run_id,dataset,row_key,/);
  });

  it.each([
    [['--dataset', 'support-faq'], /^tokenscope: --output FILE is required/],
    [['-o', 'runs.txt'], /^tokenscope: --format is required: the extension of \S*runs\.txt is not \.csv/],
    [['--format', 'xlsx', '-o', 'x.xlsx'], /option '--format <format>' argument 'xlsx' is invalid/],
    [['--since', '2026-13-01', '-o', 'x.csv'], /option '--since <date>' argument '2026-13-01' is invalid/],
    [['--dataset', 'nope', '-o', 'nope.csv'], /^tokenscope: no runs in dataset "nope"; datasets: /],
  ])('fails with exit 1, one line, and no file: %j', async (args, message) => {
    const before = readdirSync(dir).sort();
    const r = await exportRuns(...args.map((a) => (/\.(csv|txt|xlsx)$/.test(a) ? join(dir, a) : a)));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(isOneLine(r.stderr)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});

describe('tokenscope export (PostgreSQL)', () => {
  const pg = usePostgresDatasetRuns();

  it('--database-url: the dataset as JSON lines, equal to the PostgreSQL store rows', async () => {
    const file = join(dir, 'pg.jsonl');
    const r = await runMain(['export', '--database-url', pg.url, '--dataset', 'support-faq', '-o', file]);
    expect(r.code).toBe(0);
    const rows = await rowsOf(pg.store, { dataset: 'support-faq' });
    expect(r.stderr).toBe(exported(rows.length, file));
    const lines = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.run_id)).toEqual(rows.map((row) => row.runId));
    expect(lines.map((l) => l.mean_logprob)).toEqual(rows.map((row) => row.meanLogprob));
    expect(existsSync(`${file}.partial`)).toBe(false);
  });
});
