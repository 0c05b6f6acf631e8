import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/runs.js';
import { migrate, readMigrations, schemaVersion } from './migrate.js';
import { openRunStore } from './openRunStore.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

function migrationsDir(files: Record<string, string>): URL {
  const dir = join(tmp.dir, 'migrations');
  mkdirSync(dir);
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return pathToFileURL(`${dir}/`);
}

describe('migrations', () => {
  it('reads the numbered SQL files in order', () => {
    expect(readMigrations().map((m) => [m.version, m.name])).toEqual([
      [1, '001_runs.sql'],
      [2, '002_search.sql'],
      [3, '003_reviews.sql'],
      [4, '004_constraint.sql'],
    ]);
  });

  it('migrates a store at version 1 to the latest, indexing the runs it already had', () => {
    const file = join(tmp.dir, 'runs.sqlite');
    const db = new Database(file);
    expect(migrate(db, readMigrations(), file, 1)).toEqual({ from: 0, to: 1 });
    db.prepare(
      `INSERT INTO runs (id, created_at, updated_at, title, source, model, prompt, params, response, summary,
       prompt_preview, answer_preview, answer_text) VALUES ('r_old', '2026-01-01T00:00:00.000Z',
       '2026-01-01T00:00:00.000Z', 'Old run', 'local', 'stories260K.gguf', ?, '{}',
       '{"format":"openai-chat","completions":[]}', ?, 'Hello there', '', 'Once upon a pumpkin')`,
    ).run(
      JSON.stringify({ kind: 'chat', messages: [{ role: 'user', content: 'Hello there, storyteller' }] }),
      JSON.stringify({ tokens: 0 }),
    );
    db.prepare("INSERT INTO run_tags (run_id, tag, position) VALUES ('r_old', 'vintage', 0)").run();
    db.close();

    const store = openRunStore({ file });
    for (const search of ['old run', 'storyteller', 'pumpkin', 'vintage', 'stories260k']) {
      expect(
        store.list({ search }).runs.map((r) => r.id),
        search,
      ).toEqual(['r_old']);
    }
    expect(store.get('r_old').tags).toEqual(['vintage']);
    store.close();
    const check = new Database(file, { readonly: true });
    expect(schemaVersion(check)).toBe(4);
    check.close();
  });

  it('runs each migration in a transaction: a failing one leaves the previous version', () => {
    const dir = migrationsDir({
      '001_a.sql': 'CREATE TABLE a (x);',
      '002_b.sql': 'CREATE TABLE b (x); INSERT INTO a VALUES (1); THIS IS NOT SQL;',
    });
    const file = join(tmp.dir, 'x.sqlite');
    const db = new Database(file);
    expect(() => migrate(db, readMigrations(dir), file)).toThrow(/syntax error/);
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all()).toEqual(['a']);
    expect(db.prepare('SELECT count(*) FROM a').pluck().get()).toBe(0);
    db.close();
  });

  it('refuses misnumbered or misnamed migration files', () => {
    expect(() => readMigrations(migrationsDir({ '001_a.sql': '', '003_c.sql': '' }))).toThrow(
      /003_c.sql should be numbered 002/,
    );
    tmp.cleanup();
    tmp = tempDir();
    expect(() => readMigrations(migrationsDir({ '1_a.sql': '' }))).toThrow(/not named like 001_name.sql/);
  });

  it('applies nothing twice: opening an up-to-date store changes no version', () => {
    const file = join(tmp.dir, 'runs.sqlite');
    openRunStore({ file }).close();
    const db = new Database(file);
    expect(migrate(db, readMigrations(), file)).toEqual({ from: 4, to: 4 });
    db.close();
  });
});
