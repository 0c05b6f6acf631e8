/**
 * `INSERT INTO table VALUES (...), (...), ...` for any number of rows, in statements of at most 500
 * parameters' worth of rows (well under SQLite's and PostgreSQL's limits). `returning` adds a
 * RETURNING clause and collects its rows; `values` replaces the `(?, ?, ...)` of one row (e.g. to
 * wrap a parameter in a function).
 */
import type { SqlExecutor, SqlValue } from '../driver/SqlDriver.js';

const MAX_PARAMS = 500;

export async function insertRows<T = never>(
  tx: SqlExecutor,
  table: string,
  width: number,
  rows: ReadonlyArray<readonly SqlValue[]>,
  returning?: string,
  values: string = `(${new Array(width).fill('?').join(', ')})`,
): Promise<T[]> {
  const out: T[] = [];
  const per = Math.max(1, Math.floor(MAX_PARAMS / width));
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const sql = `INSERT INTO ${table} VALUES ${chunk.map(() => values).join(', ')}${returning === undefined ? '' : ` RETURNING ${returning}`}`;
    if (returning === undefined) await tx.run(sql, chunk.flat());
    else out.push(...(await tx.all<T>(sql, chunk.flat())));
  }
  return out;
}
