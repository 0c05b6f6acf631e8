import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatasetExportRow } from '@tokenscope/core';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { asyncBufferFromFile, parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileAccessError } from '../errors/FileAccessError.js';
import { type DatasetExportFormat, writeDatasetExport } from './writeDatasetExport.js';

const base: DatasetExportRow = {
  runId: 'run-1',
  dataset: 'support-faq',
  rowKey: 'q-001',
  createdAt: '2026-03-01T10:00:00.000Z',
  model: 'qwen2.5-0.5b-instruct',
  promptVersion: 'v2',
  tags: ['prod', 'billing'],
  source: 'local',
  prompt: 'Say "hello", then list: a, b, c\nSecond line\r\nThird line',
  answer: 'Hello, "world".',
  expected: 'Hello',
  tokens: 12,
  sumLogprob: -3.0000000000000004,
  meanLogprob: -0.25000000000000006,
  perplexity: 1.2840254166877414,
  minProb: 0.031,
  flaggedTokens: 2,
  lowConfidenceSpans: 1,
  criticalFacts: 3,
  flaggedFacts: 1,
  verdict: 'publish',
  reviewSentences: 0,
  approvedSentences: 2,
  rejectedSentences: 0,
  editedSentences: 0,
  correct: true,
  agreement: 0.6,
};

/** Hand-made rows: nulls, quoting, line breaks, non-ASCII, tag lists of 0, 1 and 3 tags. */
const ROWS: DatasetExportRow[] = [
  base,
  {
    ...base,
    runId: 'run-2',
    dataset: null,
    rowKey: null,
    promptVersion: null,
    tags: [],
    source: 'openai',
    prompt: 'Plain prompt',
    answer: '',
    expected: null,
    tokens: 0,
    minProb: null,
    verdict: 'review',
    reviewSentences: 3,
    approvedSentences: 0,
    correct: null,
    agreement: null,
  },
  {
    ...base,
    runId: 'run-3',
    tags: ['日本語', 'café', 'a b'],
    prompt: 'Übersetze: «Grüße» — 你好 🌍',
    answer: 'Здравствуйте, мир! 👋',
    expected: 'naïve "quoted", with comma',
    tokens: 2_147_483_648,
    sumLogprob: -1234.5678,
    meanLogprob: -1.5e-7,
    perplexity: 1e300,
    minProb: 0,
    verdict: 'review',
    rejectedSentences: 1,
    editedSentences: 2,
    correct: false,
  },
  { ...base, runId: 'run-4', tags: ['solo'], prompt: ',', answer: '"', expected: '\n' },
];

/** The row with snake_case keys, as the JSON lines (and, tags aside, every format) carry it. */
function snake(row: DatasetExportRow): Record<string, unknown> {
  return {
    run_id: row.runId,
    dataset: row.dataset,
    row_key: row.rowKey,
    created_at: row.createdAt,
    model: row.model,
    prompt_version: row.promptVersion,
    tags: row.tags,
    source: row.source,
    prompt: row.prompt,
    answer: row.answer,
    expected: row.expected,
    tokens: row.tokens,
    sum_logprob: row.sumLogprob,
    mean_logprob: row.meanLogprob,
    perplexity: row.perplexity,
    min_prob: row.minProb,
    flagged_tokens: row.flaggedTokens,
    low_confidence_spans: row.lowConfidenceSpans,
    critical_facts: row.criticalFacts,
    flagged_facts: row.flaggedFacts,
    verdict: row.verdict,
    review_sentences: row.reviewSentences,
    approved_sentences: row.approvedSentences,
    rejected_sentences: row.rejectedSentences,
    edited_sentences: row.editedSentences,
    correct: row.correct,
    agreement: row.agreement,
  };
}

const COLUMNS = Object.keys(snake(base));
const INTEGERS = [
  'tokens',
  'flagged_tokens',
  'low_confidence_spans',
  'critical_facts',
  'flagged_facts',
  'review_sentences',
  'approved_sentences',
  'rejected_sentences',
  'edited_sentences',
];
const DOUBLES = ['sum_logprob', 'mean_logprob', 'perplexity', 'min_prob', 'agreement'];
// Token figures are null for a run made from samples only (no logprobs).
const NULLABLE = [
  'dataset',
  'row_key',
  'prompt_version',
  'expected',
  'sum_logprob',
  'mean_logprob',
  'perplexity',
  'min_prob',
  'correct',
  'agreement',
];

async function* source<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const item of items) yield item;
}

function* generated(count: number): Generator<DatasetExportRow> {
  for (let i = 0; i < count; i++) {
    yield {
      ...base,
      runId: `run-${i}`,
      rowKey: i % 7 === 0 ? null : `row-${i}`,
      tags: i % 3 === 0 ? [] : ['batch', `t${i % 5}`],
      prompt: `Question ${i}: what is ${i} + ${i}?`,
      answer: `The answer is ${2 * i}, as "usual".`,
      tokens: i % 50,
      meanLogprob: -(i % 100) / 100,
      minProb: i % 11 === 0 ? null : (i % 97) / 97,
      correct: i % 4 === 0 ? null : i % 2 === 0,
    };
  }
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tokenscope-export-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeDatasetExport', () => {
  it('writes CSV with a snake_case header, RFC 4180 quoting, empty cells for null', async () => {
    const file = join(dir, 'out.csv');
    const result = await writeDatasetExport(source(ROWS), 'csv', file);

    const text = await readFile(file, 'utf8');
    expect(result).toEqual({ rows: ROWS.length, bytes: (await stat(file)).size });
    expect(text.split('\n')[0]).toBe(COLUMNS.join(','));
    expect(text).toContain('"Say ""hello"", then list: a, b, c\nSecond line\r\nThird line"');

    const records: Record<string, string>[] = parseSync(text, { columns: true });
    expect(records).toHaveLength(ROWS.length);
    ROWS.forEach((row, i) => {
      const record = records[i]!;
      expect(Object.keys(record)).toEqual(COLUMNS);
      for (const [name, value] of Object.entries(snake(row))) {
        const cell = record[name];
        if (value === null) expect(cell, name).toBe('');
        else if (Array.isArray(value)) expect(cell, name).toBe(value.join('|'));
        else if (typeof value === 'number') expect(Number(cell), name).toBe(value);
        else expect(cell, name).toBe(String(value));
      }
    });
    expect(records[0]!.correct).toBe('true');
    expect(records[2]!.correct).toBe('false');
    expect(records[2]!.tags).toBe('日本語|café|a b');
  });

  it('writes JSON lines with snake_case keys, tags as an array, null as null', async () => {
    const file = join(dir, 'out.jsonl');
    const result = await writeDatasetExport(source(ROWS), 'jsonl', file);

    const text = await readFile(file, 'utf8');
    expect(result).toEqual({ rows: ROWS.length, bytes: Buffer.byteLength(text) });
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(ROWS.length);
    lines.forEach((line, i) => {
      const record = JSON.parse(line) as Record<string, unknown>;
      expect(Object.keys(record)).toEqual(COLUMNS);
      expect(record).toStrictEqual(snake(ROWS[i]!));
    });
  });

  it('writes Parquet with typed, nullable columns and tags as a list of strings', async () => {
    const file = join(dir, 'out.parquet');
    const result = await writeDatasetExport(source(ROWS), 'parquet', file);
    expect(result).toEqual({ rows: ROWS.length, bytes: (await stat(file)).size });

    const buffer = await asyncBufferFromFile(file);
    const metadata = parquetMetadata(await buffer.slice(0));
    expect(metadata.num_rows).toBe(BigInt(ROWS.length));
    const elements = new Map(metadata.schema.map((element) => [element.name, element]));
    for (const name of COLUMNS) {
      const element = elements.get(name)!;
      expect(element.repetition_type, name).toBe(NULLABLE.includes(name) ? 'OPTIONAL' : 'REQUIRED');
      if (INTEGERS.includes(name)) expect(element.type, name).toBe('INT64');
      else if (DOUBLES.includes(name)) expect(element.type, name).toBe('DOUBLE');
      else if (name === 'correct') expect(element.type, name).toBe('BOOLEAN');
      else if (name === 'tags') expect(element.converted_type, name).toBe('LIST');
      else expect([element.type, element.converted_type], name).toEqual(['BYTE_ARRAY', 'UTF8']);
    }
    expect(elements.get('element')).toMatchObject({ type: 'BYTE_ARRAY', converted_type: 'UTF8' });

    const records = await parquetReadObjects({ file: buffer });
    expect(records).toHaveLength(ROWS.length);
    records.forEach((record, i) => {
      const expected = snake(ROWS[i]!);
      for (const name of INTEGERS) expected[name] = BigInt(expected[name] as number);
      expect(record).toStrictEqual(expected);
    });
  });

  it('is read by DuckDB (an independent Parquet reader) with the expected types and values', async () => {
    const file = join(dir, 'out.parquet');
    await writeDatasetExport(source(ROWS), 'parquet', file);

    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const path = file.replaceAll("'", "''");
      const summary = await connection.runAndReadAll(
        `SELECT count(*)::INTEGER AS n, avg(mean_logprob) AS mean FROM read_parquet('${path}')`,
      );
      const [row] = summary.getRowObjectsJS();
      expect(row!.n).toBe(ROWS.length);
      expect(row!.mean).toBeCloseTo(ROWS.reduce((sum, r) => sum + r.meanLogprob, 0) / ROWS.length, 12);

      const all = await connection.runAndReadAll(`SELECT * FROM read_parquet('${path}')`);
      expect(all.columnNames()).toEqual(COLUMNS);
      const types = Object.fromEntries(
        all.columnNames().map((name, i) => [name, String(all.columnTypes()[i])]),
      );
      for (const name of INTEGERS) expect(types[name], name).toBe('BIGINT');
      for (const name of DOUBLES) expect(types[name], name).toBe('DOUBLE');
      expect(types.correct).toBe('BOOLEAN');
      expect(types.tags).toBe('VARCHAR[]');
      expect(types.prompt).toBe('VARCHAR');
      all.getRowObjectsJS().forEach((record, i) => {
        const expected = snake(ROWS[i]!);
        for (const name of INTEGERS) expected[name] = BigInt(expected[name] as number);
        expect(record).toStrictEqual(expected);
      });
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('writes 100,000 rows as Parquet and CSV in bounded memory', async () => {
    const count = 100_000;
    const parquetFile = join(dir, 'big.parquet');
    const parquet = await writeDatasetExport(source(generated(count)), 'parquet', parquetFile);
    expect(parquet.rows).toBe(count);
    const buffer = await asyncBufferFromFile(parquetFile);
    const metadata = parquetMetadata(await buffer.slice(0));
    expect(metadata.num_rows).toBe(BigInt(count));
    expect(metadata.row_groups).toHaveLength(10);
    const ids = await parquetReadObjects({ file: buffer, columns: ['run_id'] });
    expect(ids).toHaveLength(count);
    expect(ids.at(-1)).toEqual({ run_id: `run-${count - 1}` });

    const csvFile = join(dir, 'big.csv');
    const csv = await writeDatasetExport(source(generated(count)), 'csv', csvFile);
    expect(csv.rows).toBe(count);
    let records = 0;
    for await (const _ of createReadStream(csvFile).pipe(parse({ columns: true }))) records++;
    expect(records).toBe(count);
  });

  it('writes a readable file with no rows from an empty source', async () => {
    for (const format of ['csv', 'jsonl', 'parquet'] as const) {
      const file = join(dir, `empty.${format}`);
      expect((await writeDatasetExport(source([]), format, file)).rows).toBe(0);
    }
    expect(await readFile(join(dir, 'empty.csv'), 'utf8')).toBe(`${COLUMNS.join(',')}\n`);
    expect(await readFile(join(dir, 'empty.jsonl'), 'utf8')).toBe('');
    const parquet = await asyncBufferFromFile(join(dir, 'empty.parquet'));
    expect(parquetMetadata(await parquet.slice(0)).num_rows).toBe(0n);
  });

  describe.each(['csv', 'jsonl', 'parquet'] as const)('when the source fails midway (%s)', (format) => {
    async function* failing(after: number): AsyncGenerator<DatasetExportRow> {
      yield* generated(after);
      throw new Error('database went away');
    }

    it('throws the source error and leaves neither the target nor a .partial file', async () => {
      const file = join(dir, `out.${format}`);
      // 15,000 rows: past the first Parquet row group, so part of the file was already on disk.
      await expect(writeDatasetExport(failing(15_000), format, file)).rejects.toThrow('database went away');
      expect(await readdir(dir)).toEqual([]);
    });

    it('keeps an existing file at the target as it was', async () => {
      const file = join(dir, `out.${format}`);
      await writeFile(file, 'previous export');
      await expect(writeDatasetExport(failing(2), format, file)).rejects.toThrow('database went away');
      expect(await readdir(dir)).toEqual([`out.${format}`]);
      expect(await readFile(file, 'utf8')).toBe('previous export');
    });
  });

  it('reports a folder that does not exist as a FileAccessError naming the target', async () => {
    const file = join(dir, 'missing', 'out.csv');
    const formats: DatasetExportFormat[] = ['csv', 'jsonl', 'parquet'];
    for (const format of formats) {
      const error = await writeDatasetExport(source(ROWS), format, file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FileAccessError);
      expect((error as FileAccessError).message).toBe(`cannot write ${file}: no such file`);
    }
  });
});
