/**
 * Migration files: both backends' folders and SQLite's own history. Migrating itself is in the
 * shared suite (test/cases/migrate.case.ts), on both backends.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/runs.js';
import { SqliteDriver } from './driver/SqliteDriver.js';
import { migrate, migrationsDir, readMigrations, schemaVersion } from './migrate.js';
import { openRunStore } from './openRunStore.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

function folder(files: Record<string, string>): URL {
  const dir = join(tmp.dir, 'migrations');
  mkdirSync(dir);
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return pathToFileURL(`${dir}/`);
}

describe('migration files', () => {
  it('reads the numbered SQL files in order; both backends have the same numbers and names', () => {
    const names = (dialect: 'sqlite' | 'postgres') =>
      readMigrations(migrationsDir(dialect)).map((m) => [m.version, m.name]);
    expect(names('sqlite')).toEqual([
      [1, '001_runs.sql'],
      [2, '002_search.sql'],
      [3, '003_reviews.sql'],
      [4, '004_constraint.sql'],
      [5, '005_datasets.sql'],
      [6, '006_consistency.sql'],
    ]);
    expect(names('postgres')).toEqual(names('sqlite'));
    for (const dialect of ['sqlite', 'postgres'] as const) {
      for (const m of readMigrations(migrationsDir(dialect)))
        expect(m.sql.trim(), `${dialect} ${m.name}`).not.toBe('');
    }
  });

  it('refuses misnumbered or misnamed migration files', () => {
    expect(() => readMigrations(folder({ '001_a.sql': '', '003_c.sql': '' }))).toThrow(
      /003_c.sql should be numbered 002/,
    );
    tmp.cleanup();
    tmp = tempDir();
    expect(() => readMigrations(folder({ '1_a.sql': '' }))).toThrow(/not named like 001_name.sql/);
  });
});

describe('SQLite history', () => {
  it('migrates a store at version 1 to the latest, indexing the runs it already had for search', async () => {
    const file = join(tmp.dir, 'runs.sqlite');
    const migrations = readMigrations(migrationsDir('sqlite'));
    const driver = new SqliteDriver(new Database(file));
    expect(await migrate(driver, migrations, file, 1)).toEqual({ from: 0, to: 1 });
    await driver.run(
      `INSERT INTO runs (id, created_at, updated_at, title, source, model, prompt, params, response, summary,
       prompt_preview, answer_preview, answer_text) VALUES ('r_old', '2026-01-01T00:00:00.000Z',
       '2026-01-01T00:00:00.000Z', 'Old run', 'local', 'stories260K.gguf', ?, '{}',
       '{"format":"openai-chat","completions":[]}', ?, 'Hello there', '', 'Once upon a pumpkin')`,
      [
        JSON.stringify({ kind: 'chat', messages: [{ role: 'user', content: 'Hello there, storyteller' }] }),
        JSON.stringify({ tokens: 0 }),
      ],
    );
    await driver.run("INSERT INTO run_tags (run_id, tag, position) VALUES ('r_old', 'vintage', 0)");
    await driver.close();

    const store = await openRunStore({ file });
    for (const search of ['old run', 'storyteller', 'pumpkin', 'vintage', 'stories260k']) {
      expect(
        (await store.list({ search })).runs.map((r) => r.id),
        search,
      ).toEqual(['r_old']);
    }
    expect((await store.get('r_old')).tags).toEqual(['vintage']);
    await store.close();
    const check = new SqliteDriver(new Database(file, { readonly: true }));
    expect(await schemaVersion(check, 'sqlite')).toBe(migrations.length);
    await check.close();
  });
});
