/**
 * The shared run store suite (test/cases/*.case.ts) on PostgreSQL, on the server in
 * TOKENSCOPE_TEST_DATABASE_URL (Vitest's globalSetup starts one; without it every test fails): a new
 * database per group of tests, emptied before each test. PostgreSQL-only tests are in
 * openPostgresStore.test.ts.
 */
import { describe } from 'vitest';
import { postgres } from '../test/backends.js';
import { batchCases } from '../test/cases/batch.case.js';
import { consistencyCases } from '../test/cases/consistency.case.js';
import { summaryCases } from '../test/cases/datasetSummary.case.js';
import { datasetCases } from '../test/cases/datasets.case.js';
import { exportCases } from '../test/cases/exportRows.case.js';
import { listCases } from '../test/cases/list.case.js';
import { migrateCases } from '../test/cases/migrate.case.js';
import { reviewCases } from '../test/cases/reviews.case.js';
import { runCases } from '../test/cases/runs.case.js';

describe('RunStore on PostgreSQL', () => {
  describe('runs', () => runCases(postgres));
  describe('list', () => listCases(postgres));
  describe('reviews', () => reviewCases(postgres));
  describe('datasets', () => datasetCases(postgres));
  describe('dataset summary', () => summaryCases(postgres));
  describe('export', () => exportCases(postgres));
  describe('batch', () => batchCases(postgres));
  describe('migrate', () => migrateCases(postgres));
  describe('consistency', () => consistencyCases(postgres));
});
