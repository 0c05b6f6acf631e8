/**
 * The `RunStore` on one better-sqlite3 connection. Writes run in BEGIN IMMEDIATE transactions (the
 * write lock is taken first, so concurrent writers wait for the busy timeout instead of failing),
 * and the search index is kept in sync in the same transaction. Validation, analysis and JSON
 * encoding happen before the lock is taken.
 */
import type {
  NewRun,
  ReviewDecision,
  RunList,
  RunListItem,
  RunPatch,
  RunQuery,
  RunRecord,
  RunReview,
  RunReviews,
} from '@tokenscope/core';
import type Database from 'better-sqlite3';
import { createRunId } from './createRunId.js';
import { RunNotFoundError } from './errors/RunNotFoundError.js';
import type { RunStore } from './RunStore.js';
import { toJson } from './sql/json.js';
import { insertReview, readReviews } from './sql/reviewTable.js';
import {
  LIST_COLUMNS,
  type ListRow,
  RECORD_COLUMNS,
  type RecordRow,
  toListItem,
  toRecord,
} from './sql/rows.js';
import { toFtsQuery } from './sql/toFtsQuery.js';
import { normalizeQuery } from './validate/normalizeQuery.js';
import { normalizeTags } from './validate/normalizeTags.js';
import { normalizeTitle } from './validate/normalizeTitle.js';
import { parseWith } from './validate/parseWith.js';
import { prepareRun } from './validate/prepareRun.js';
import { prepareReview } from './validate/reviewSchema.js';
import { runPatchSchema } from './validate/runSchema.js';

export class SqliteRunStore implements RunStore {
  readonly file: string;
  readonly #db: Database.Database;
  readonly #insertRun: Database.Statement;
  readonly #insertTag: Database.Statement;
  readonly #insertFts: Database.Statement;

  constructor(db: Database.Database, file: string) {
    this.#db = db;
    this.file = file;
    this.#insertRun =
      db.prepare(`INSERT INTO runs (id, created_at, updated_at, title, source, model, endpoint,
      provider, prompt, params, response, prompt_text, prompt_token_ids, branch_parent_id, branch_position,
      branch_root_id, branch, file_name, generation_constraint, summary, prompt_preview, answer_preview, answer_text)
      VALUES (@id, @at, @at, @title, @source, @model, @endpoint, @provider, @prompt, @params, @response,
      @promptText, @promptTokenIds, @parentId, @position, @rootId, @branch, @fileName, @constraint, @summary,
      @promptPreview, @answerPreview, @answerText)`);
    this.#insertTag = db.prepare('INSERT INTO run_tags (run_id, tag, position) VALUES (?, ?, ?)');
    this.#insertFts = db.prepare(
      'INSERT INTO runs_fts (rowid, title, prompt, answer, model, tags) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  save(input: NewRun): RunRecord {
    const prepared = prepareRun(input);
    const { run, summary } = prepared;
    const columns = {
      title: run.title,
      source: run.source,
      model: run.model,
      endpoint: run.endpoint ?? null,
      provider: run.provider ?? null,
      prompt: run.prompt === null ? null : toJson(run.prompt),
      params: toJson(run.params),
      response: toJson(run.response),
      promptText: run.promptText ?? null,
      promptTokenIds: run.promptTokenIds === undefined ? null : toJson(run.promptTokenIds),
      parentId: run.branch?.parentId ?? null,
      position: run.branch?.position ?? null,
      branch: run.branch === undefined ? null : toJson(run.branch),
      fileName: run.fileName ?? null,
      constraint: run.constraint === undefined ? null : toJson(run.constraint),
      summary: toJson(summary),
      promptPreview: prepared.promptPreview,
      answerPreview: prepared.answerPreview,
      answerText: prepared.answerText,
    };
    const { id, at } = this.#db
      .transaction(() => {
        const created = createRunId();
        const at = new Date(created.time).toISOString();
        const rootId = run.branch === undefined ? null : this.#rootOf(run.branch.parentId);
        const { lastInsertRowid } = this.#insertRun.run({ ...columns, id: created.id, at, rootId });
        for (const [i, tag] of run.tags.entries()) this.#insertTag.run(created.id, tag, i);
        this.#insertFts.run(
          lastInsertRowid,
          run.title,
          prepared.promptSearch,
          prepared.answerText,
          run.model,
          run.tags.join(' '),
        );
        return { id: created.id, at };
      })
      .immediate();
    const { title, tags, ...rest } = run;
    return withoutUndefined({ ...rest, id, title, tags, createdAt: at, updatedAt: at, summary });
  }

  get(id: string): RunRecord {
    checkId(id);
    const row = this.#db.prepare(`SELECT ${RECORD_COLUMNS} FROM runs AS r WHERE r.id = ?`).get(id) as
      | RecordRow
      | undefined;
    if (row === undefined) throw new RunNotFoundError(String(id));
    return toRecord(row);
  }

  list(query?: RunQuery): RunList {
    const q = normalizeQuery(query);
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    if (q.source !== undefined) {
      where.push('r.source = @source');
      params.source = q.source;
    }
    if (q.model !== undefined) {
      where.push('r.model = @model');
      params.model = q.model;
    }
    if (q.tag !== undefined) {
      where.push('EXISTS (SELECT 1 FROM run_tags AS t WHERE t.run_id = r.id AND t.tag = @tag)');
      params.tag = q.tag;
    }
    const match = q.search === undefined ? null : toFtsQuery(q.search);
    if (match !== null) {
      where.push('r.seq IN (SELECT rowid FROM runs_fts WHERE runs_fts MATCH @match)');
      params.match = match;
    }
    const filter = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
    const read = this.#db.transaction(() => {
      const rows = this.#db
        .prepare(
          `SELECT ${LIST_COLUMNS} FROM runs AS r ${filter} ORDER BY r.id DESC LIMIT @limit OFFSET @offset`,
        )
        .all({ ...params, limit: q.limit, offset: q.offset }) as ListRow[];
      const { total } = this.#db.prepare(`SELECT count(*) AS total FROM runs AS r ${filter}`).get(params) as {
        total: number;
      };
      return { runs: rows.map(toListItem), total };
    });
    return read.deferred(); // one snapshot for the page and its total
  }

  update(id: string, patch: RunPatch): RunRecord {
    const parsed = parseWith(runPatchSchema, patch, 'patch');
    const title = parsed.title === undefined ? undefined : normalizeTitle(parsed.title);
    const tags = parsed.tags === undefined ? undefined : normalizeTags(parsed.tags);
    this.#db
      .transaction(() => {
        const seq = this.#seqOf(id);
        if (title === undefined && tags === undefined) return;
        const at = new Date().toISOString();
        if (title !== undefined) {
          this.#db.prepare('UPDATE runs SET title = ?, updated_at = ? WHERE seq = ?').run(title, at, seq);
          this.#db.prepare('UPDATE runs_fts SET title = ? WHERE rowid = ?').run(title, seq);
        }
        if (tags !== undefined) {
          this.#db.prepare('UPDATE runs SET updated_at = ? WHERE seq = ?').run(at, seq);
          this.#db.prepare('DELETE FROM run_tags WHERE run_id = ?').run(id);
          for (const [i, tag] of tags.entries()) this.#insertTag.run(id, tag, i);
          this.#db.prepare('UPDATE runs_fts SET tags = ? WHERE rowid = ?').run(tags.join(' '), seq);
        }
      })
      .immediate();
    return this.get(id);
  }

  delete(id: string): void {
    this.#db
      .transaction(() => {
        const seq = this.#seqOf(id);
        this.#db.prepare('DELETE FROM runs WHERE seq = ?').run(seq); // tags and reviews go with it (ON DELETE CASCADE)
        this.#db.prepare('DELETE FROM runs_fts WHERE rowid = ?').run(seq);
      })
      .immediate();
  }

  tree(id: string): RunListItem[] {
    checkId(id);
    const read = this.#db.transaction(() => {
      const row = this.#db
        .prepare('SELECT coalesce(branch_root_id, id) AS root FROM runs WHERE id = ?')
        .get(id) as { root: string } | undefined;
      if (row === undefined) throw new RunNotFoundError(String(id));
      const rows = this.#db
        .prepare(
          `SELECT ${LIST_COLUMNS} FROM runs AS r WHERE r.id = @root OR r.branch_root_id = @root ORDER BY r.id`,
        )
        .all({ root: row.root }) as ListRow[];
      return rows.map(toListItem);
    });
    return read.deferred();
  }

  tags(): Array<{ tag: string; count: number }> {
    return this.#db
      .prepare('SELECT tag, count(*) AS count FROM run_tags GROUP BY tag ORDER BY count DESC, tag')
      .all() as Array<{ tag: string; count: number }>;
  }

  review(runId: string, decision: ReviewDecision): RunReview {
    const prepared = prepareReview(decision); // before the write lock
    return insertReview(this.#db, runId, prepared);
  }

  reviews(runId: string): RunReviews {
    return readReviews(this.#db, runId);
  }

  close(): void {
    this.#db.close();
  }

  /** The root of the tree a new branch of `parentId` joins (the parent's root; the id itself when gone). */
  #rootOf(parentId: string): string {
    const parent = this.#db
      .prepare('SELECT coalesce(branch_root_id, id) AS root FROM runs WHERE id = ?')
      .get(parentId) as { root: string } | undefined;
    return parent?.root ?? parentId;
  }

  #seqOf(id: string): number {
    checkId(id);
    const row = this.#db.prepare('SELECT seq FROM runs WHERE id = ?').get(id) as { seq: number } | undefined;
    if (row === undefined) throw new RunNotFoundError(String(id));
    return row.seq;
  }
}

/** An id that is not a string names no run (and must not reach SQLite's binding as `undefined`). */
function checkId(id: unknown): asserts id is string {
  if (typeof id !== 'string') throw new RunNotFoundError(String(id));
}

/** Drops keys whose value is undefined (`exactOptionalPropertyTypes`: absent, not undefined). */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
