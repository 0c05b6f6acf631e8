/**
 * `SqlDriver` on a node-postgres pool. `?` placeholders become `$1, $2, ...` (the store's SQL has no
 * `?` inside string literals). 64-bit integers (count, sum) and numerics come back as numbers, as
 * from SQLite. A transaction holds one pooled connection from BEGIN to COMMIT.
 */
import pg from 'pg';
import type { SqlDriver, SqlExecutor, SqlValue } from './SqlDriver.js';

const INT8 = 20;
const NUMERIC = 1700;

/** Type parsers for this pool only (pg's global parsers are left alone for the application). */
const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === INT8) return (value: string) => Number(value);
    if (oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

export class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres' as const;
  readonly pool: pg.Pool;
  readonly #direct: SqlExecutor;

  constructor(connectionString: string, options: { max?: number } = {}) {
    // 10 s to connect: an unreachable host is an error, not a wait for the system's TCP timeout
    this.pool = new pg.Pool({
      connectionString,
      types,
      max: options.max ?? 8,
      connectionTimeoutMillis: 10_000,
    });
    // An idle client losing its server must not crash the process; the next query reports it.
    this.pool.on('error', () => {});
    this.#direct = executor(this.pool);
  }

  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.#direct.all<T>(sql, params);
  }

  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return this.#direct.get<T>(sql, params);
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }> {
    return this.#direct.run(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.#direct.exec(sql);
  }

  /**
   * A transaction that PostgreSQL ends as a deadlock victim or a serialization failure (40P01,
   * 40001) is run again (up to 3 times): it was rolled back whole, so nothing of it was saved.
   */
  async transaction<T>(mode: 'read' | 'write', fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#transactionOnce(mode, fn);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (attempt >= 3 || (code !== '40P01' && code !== '40001')) throw error;
      }
    }
  }

  async #transactionOnce<T>(mode: 'read' | 'write', fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query(mode === 'read' ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
      const result = await fn(executor(client));
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
        client.release();
      } catch {
        client.release(true); // the connection is broken: do not hand it out again
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function executor(queryable: pg.Pool | pg.PoolClient): SqlExecutor {
  const query = (sql: string, params: readonly SqlValue[] = []) =>
    queryable.query({ text: numbered(sql), values: params.map(storable) });
  return {
    all: async <T>(sql: string, params?: readonly SqlValue[]) => (await query(sql, params)).rows as T[],
    get: async <T>(sql: string, params?: readonly SqlValue[]) =>
      (await query(sql, params)).rows[0] as T | undefined,
    run: async (sql: string, params?: readonly SqlValue[]) => ({
      changes: (await query(sql, params)).rowCount ?? 0,
    }),
    exec: async (sql: string) => {
      await queryable.query(sql);
    },
  };
}

/**
 * PostgreSQL's text cannot hold U+0000 (SQLite's can): a NUL in a parameter (in a model's answer, in a
 * filter value) would fail the whole statement, so it goes in as U+FFFD. The response
 * and the prompt are stored as JSON, which escapes it: they come back exact.
 */
function storable(value: SqlValue): SqlValue {
  return typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value;
}

const numberedCache = new Map<string, string>();

/** `?` → `$n`, in order. */
export function numbered(sql: string): string {
  let out = numberedCache.get(sql);
  if (out === undefined) {
    let n = 0;
    out = sql.replace(/\?/g, () => `$${++n}`);
    numberedCache.set(sql, out);
  }
  return out;
}
