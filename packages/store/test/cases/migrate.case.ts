/** Shared suite: schema migrations on any backend (numbered SQL files, one transaction each). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_GATE_THRESHOLDS, type LogprobResponse, summarizeRun } from '@tokenscope/core';
import { describe, expect, it } from 'vitest';
import type { SqlDriver } from '../../src/driver/SqlDriver.js';
import { StoreOpenError } from '../../src/index.js';
import { migrate, migrationsDir, readMigrations, schemaVersion } from '../../src/migrate.js';
import { type Backend, type TestDatabase, withDriver } from '../backends.js';
import { coreFigures, expectGroupStats } from '../expectedFigures.js';
import { newRun, tempDir, variant } from '../runs.js';

export function migrateCases(backend: Backend): void {
  const migrations = readMigrations(migrationsDir(backend.name));
  const latest = migrations.length;
  /** A fresh database for the test; removed afterwards. */
  const withDatabase = async (fn: (db: TestDatabase) => Promise<void>) => {
    const db = await backend.createDatabase();
    try {
      await fn(db);
    } finally {
      await db.remove();
    }
  };
  const version = (driver: SqlDriver) => schemaVersion(driver, backend.name);

  describe('migrations', () => {
    it('opening a new database applies every migration; opening it again applies nothing', async () => {
      await withDatabase(async (db) => {
        await (await db.open()).close();
        const tables = await db.tables();
        expect(tables).toEqual(
          expect.arrayContaining(['runs', 'run_tags', 'reviews', 'run_sentences', 'batch_rows']),
        );
        await withDriver(db.connect(), async (driver) => {
          expect(await version(driver)).toBe(latest);
          expect(await migrate(driver, migrations, 'test')).toEqual({ from: latest, to: latest });
        });
        await (await db.open()).close();
        expect(await db.tables()).toEqual(tables);
      });
    });

    it('runs each migration in a transaction: a failing one leaves the previous version', async () => {
      const tmp = tempDir();
      try {
        const dir = join(tmp.dir, 'migrations');
        mkdirSync(dir);
        writeFileSync(join(dir, '001_a.sql'), 'CREATE TABLE a (x INTEGER);');
        writeFileSync(
          join(dir, '002_b.sql'),
          'CREATE TABLE b (x INTEGER); INSERT INTO a VALUES (1); THIS IS NOT SQL;',
        );
        const custom = readMigrations(pathToFileURL(`${dir}/`));
        await withDatabase(async (db) => {
          await withDriver(db.connect(), async (driver) => {
            await expect(migrate(driver, custom, 'test')).rejects.toThrow(/syntax error/);
            expect(await version(driver)).toBe(1);
            expect(await driver.get<{ n: number }>('SELECT count(*) AS n FROM a')).toEqual({ n: 0 });
          });
          expect((await db.tables()).filter((t) => t !== 'tokenscope_schema')).toEqual(['a']);
        });
      } finally {
        tmp.cleanup();
      }
    });

    it('applies each migration once, however often it runs, up to a target version', async () => {
      const tmp = tempDir();
      try {
        const dir = join(tmp.dir, 'migrations');
        mkdirSync(dir);
        writeFileSync(join(dir, '001_a.sql'), 'CREATE TABLE a (x INTEGER);');
        writeFileSync(join(dir, '002_b.sql'), 'INSERT INTO a VALUES (2);');
        writeFileSync(join(dir, '003_c.sql'), 'INSERT INTO a VALUES (3);');
        const custom = readMigrations(pathToFileURL(`${dir}/`));
        await withDatabase(async (db) => {
          await withDriver(db.connect(), async (driver) => {
            expect(await migrate(driver, custom, 'test', 2)).toEqual({ from: 0, to: 2 });
            expect(await migrate(driver, custom, 'test', 2)).toEqual({ from: 2, to: 2 });
            expect(await migrate(driver, custom, 'test')).toEqual({ from: 2, to: 3 });
            expect(await migrate(driver, custom, 'test')).toEqual({ from: 3, to: 3 });
            expect(await driver.all('SELECT x FROM a ORDER BY x')).toEqual([{ x: 2 }, { x: 3 }]);
          });
        });
      } finally {
        tmp.cleanup();
      }
    });

    it('refuses a database written by a newer Tokenscope (StoreOpenError) and leaves it untouched', async () => {
      await withDatabase(async (db) => {
        const store = await db.open();
        const run = await store.save(newRun());
        await store.close();
        await withDriver(db.connect(), (driver) =>
          driver.exec(
            backend.name === 'sqlite'
              ? 'PRAGMA user_version = 99'
              : 'UPDATE tokenscope_schema SET version = 99',
          ),
        );
        const tables = await db.tables();

        const error = await db.open().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StoreOpenError);
        expect((error as Error).message).toMatch(
          new RegExp(
            `newer Tokenscope \\(schema version 99; this one knows up to ${latest}\\): upgrade Tokenscope`,
          ),
        );
        expect((error as Error).message).not.toContain('\n');
        expect(await db.tables()).toEqual(tables);
        await withDriver(db.connect(), async (driver) => {
          expect(await version(driver)).toBe(99);
          expect(await driver.all('SELECT id FROM runs')).toEqual([{ id: run.id }]);
          await expect(migrate(driver, migrations, 'test')).rejects.toThrow(StoreOpenError);
          expect(await version(driver)).toBe(99);
        });
      });
    });

    it('migrates a store at version 4 with runs to the latest: its runs get their figures', async () => {
      await withDatabase(async (db) => {
        const responses: LogprobResponse[] = [variant(0), variant(2), variant(6), variant(9)];
        const ids = responses.map((_, i) => `r_old${i}`);
        const createdAt = '2026-01-01T00:00:00.000Z';
        await withDriver(db.connect(), async (driver) => {
          expect(await migrate(driver, migrations, 'test', 4)).toEqual({ from: 0, to: 4 });
          for (const [i, response] of responses.entries()) {
            await driver.run(
              `INSERT INTO runs (id, created_at, updated_at, title, source, model, prompt, params, response, summary,
               prompt_preview, answer_preview, answer_text) VALUES (?, ?, ?, ?, 'local', 'stories260K.gguf', ?, '{}', ?, ?,
               'Hello there', '', ?)`,
              [
                ids[i]!,
                createdAt,
                createdAt,
                `Old run ${i}`,
                JSON.stringify({ kind: 'text', text: 'Hello there' }),
                JSON.stringify(response),
                JSON.stringify(summarizeRun(response)),
                response.completions[0]!.text,
              ],
            );
          }
          await driver.run("INSERT INTO run_tags (run_id, tag, position) VALUES ('r_old0', 'vintage', 0)");
          await driver.run(
            `INSERT INTO reviews (run_id, sentence, char_start, char_end, text, decision, decided_at)
             VALUES ('r_old1', 0, 0, 12, 'Andrzej Duda', 'rejected', ?)`,
            [createdAt],
          );
          expect(await version(driver)).toBe(4);
        });

        const store = await db.open();
        try {
          const old = await store.get('r_old0');
          expect(old).toMatchObject({
            title: 'Old run 0',
            tags: ['vintage'],
            summary: summarizeRun(responses[0]!),
          });
          expect(old).not.toHaveProperty('dataset');
          expect((await store.reviews('r_old1')).latest.map((r) => r.decision)).toEqual(['rejected']);
          const summary = await store.datasetSummary();
          const runs = responses.map((response, i) => ({ id: ids[i]!, createdAt, response }));
          expectGroupStats(summary.total, runs, { ...DEFAULT_GATE_THRESHOLDS }, 'migrated');
          expect(summary.total.reviewed).toEqual({ answers: 1, rejected: 1, approved: 0 });
          const listed = await store.list();
          for (const item of listed.runs) {
            const i = ids.indexOf(item.id);
            expect(item.verdict).toBe(coreFigures(responses[i]!, { ...DEFAULT_GATE_THRESHOLDS }).verdict);
          }
        } finally {
          await store.close();
        }
        await withDriver(db.connect(), async (driver) => {
          expect(await version(driver)).toBe(latest);
          expect(await driver.all('SELECT id, derived FROM runs ORDER BY id')).toEqual(
            ids.map((id) => ({ id, derived: 1 })),
          );
          const sentences = responses.reduce(
            (n, r) => n + coreFigures(r, { ...DEFAULT_GATE_THRESHOLDS }).sentences,
            0,
          );
          expect(await driver.get('SELECT count(*) AS n FROM run_sentences')).toEqual({ n: sentences });
        });
      });
    });
  });
}
