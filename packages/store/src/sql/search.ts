/**
 * Full-text search on both backends. SQLite: the FTS5 table `runs_fts` (rowid = runs.seq,
 * `unicode61 remove_diacritics 2`). PostgreSQL: `runs_search` with a `simple` tsvector of text
 * folded here (lower case, diacritics removed), so no extension is needed. Either way a user's search
 * text cannot fail: every whitespace-separated word is a prefix phrase, all words must match.
 */
import type { SqlDriver, SqlExecutor } from '../driver/SqlDriver.js';
import { toFtsQuery } from './toFtsQuery.js';

export interface SearchText {
  title: string;
  prompt: string;
  answer: string;
  model: string;
  tags: string[];
}

/** Lower case without diacritics (é → e, ł stays ł as Unicode has no decomposition for it). */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** The rows of the search index for new runs, and where they go (`insertRows`'s arguments). */
export function searchRows(
  dialect: SqlDriver['dialect'],
  runs: ReadonlyArray<SearchText & { seq: number }>,
): { table: string; width: number; rows: Array<Array<string | number>>; values?: string } {
  if (dialect === 'sqlite') {
    return {
      table: 'runs_fts (rowid, title, prompt, answer, model, tags)',
      width: 6,
      rows: runs.map((t) => [t.seq, t.title, t.prompt, t.answer, t.model, t.tags.join(' ')]),
    };
  }
  return {
    table: 'runs_search (seq, body, doc)',
    width: 3,
    values: "(?, ?, to_tsvector('simple', ?))",
    rows: runs.map((t) => {
      const body = foldForSearch(`${t.prompt}\n${t.answer}\n${t.model}`);
      return [t.seq, body, `${foldForSearch(`${t.title}\n${t.tags.join(' ')}`)}\n${body}`];
    }),
  };
}

/** After a rename or a change of tags. */
export async function updateSearch(
  tx: SqlExecutor,
  dialect: SqlDriver['dialect'],
  seq: number,
  change: { title?: string; tags?: string[] },
): Promise<void> {
  if (dialect === 'sqlite') {
    if (change.title !== undefined)
      await tx.run('UPDATE runs_fts SET title = ? WHERE rowid = ?', [change.title, seq]);
    if (change.tags !== undefined)
      await tx.run('UPDATE runs_fts SET tags = ? WHERE rowid = ?', [change.tags.join(' '), seq]);
    return;
  }
  const row = await tx.get<{ title: string }>('SELECT title FROM runs WHERE seq = ?', [seq]);
  const tags = await tx.all<{ tag: string }>(
    'SELECT t.tag FROM run_tags AS t JOIN runs AS r ON r.id = t.run_id WHERE r.seq = ? ORDER BY t.position',
    [seq],
  );
  const head = foldForSearch(`${row?.title ?? ''}\n${tags.map((t) => t.tag).join(' ')}`);
  await tx.run("UPDATE runs_search SET doc = to_tsvector('simple', ? || body) WHERE seq = ?", [
    `${head}\n`,
    seq,
  ]);
}

export async function deleteSearch(
  tx: SqlExecutor,
  dialect: SqlDriver['dialect'],
  seq: number,
): Promise<void> {
  // PostgreSQL's row goes with the run (ON DELETE CASCADE)
  if (dialect === 'sqlite') await tx.run('DELETE FROM runs_fts WHERE rowid = ?', [seq]);
}

/** A WHERE condition on `runs AS r` and its parameter, or null when the text holds no word. */
export function searchCondition(
  dialect: SqlDriver['dialect'],
  search: string,
): { sql: string; param: string } | null {
  if (dialect === 'sqlite') {
    const match = toFtsQuery(search);
    return match === null
      ? null
      : { sql: 'r.seq IN (SELECT rowid FROM runs_fts WHERE runs_fts MATCH ?)', param: match };
  }
  const query = toTsQuery(search);
  return query === null
    ? null
    : { sql: "r.seq IN (SELECT seq FROM runs_search WHERE doc @@ to_tsquery('simple', ?))", param: query };
}

const MAX_TERMS = 16;
const MAX_TERM_LENGTH = 100;

/**
 * PostgreSQL's version of `toFtsQuery`: each whitespace-separated word becomes its letters-and-digits
 * parts, in sequence (`<->`), each a prefix (`:*`); words are ANDed. Only letters and digits reach
 * `to_tsquery`, so no text is read as its syntax.
 */
export function toTsQuery(search: string): string | null {
  const terms = search
    .split(/\s+/u)
    .filter((term) => /[\p{L}\p{N}]/u.test(term))
    .slice(0, MAX_TERMS)
    .map((term) =>
      (foldForSearch([...term].slice(0, MAX_TERM_LENGTH).join('')).match(/[\p{L}\p{N}]+/gu) ?? [])
        .map((part) => `${part}:*`)
        .join(' <-> '),
    )
    .filter((term) => term !== '');
  return terms.length === 0 ? null : terms.join(' & ');
}
