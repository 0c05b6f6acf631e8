/**
 * The shared run store suite (test/cases/*.case.ts) on SQLite: a new file per test. SQLite-only
 * tests are in openRunStore.test.ts and migrate.test.ts.
 */
import { describe } from 'vitest';
import { sqlite } from '../test/backends.js';
import { batchCases } from '../test/cases/batch.case.js';
import { consistencyCases } from '../test/cases/consistency.case.js';
import { summaryCases } from '../test/cases/datasetSummary.case.js';
import { datasetCases } from '../test/cases/datasets.case.js';
import { exportCases } from '../test/cases/exportRows.case.js';
import { listCases } from '../test/cases/list.case.js';
import { migrateCases } from '../test/cases/migrate.case.js';
import { reviewCases } from '../test/cases/reviews.case.js';
import { runCases } from '../test/cases/runs.case.js';

describe('RunStore on SQLite', () => {
  describe('runs', () => runCases(sqlite));
  describe('list', () => listCases(sqlite));
  describe('reviews', () => reviewCases(sqlite));
  describe('datasets', () => datasetCases(sqlite));
  describe('dataset summary', () => summaryCases(sqlite));
  describe('export', () => exportCases(sqlite));
  describe('batch', () => batchCases(sqlite));
  describe('migrate', () => migrateCases(sqlite));
  describe('consistency', () => consistencyCases(sqlite));
});
