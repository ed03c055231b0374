import { fillPlaceholders, getTableColumns, type SQLWrapper } from 'drizzle-orm';
import { SQLiteAsyncDialect, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { drizzle } from 'drizzle-orm/sqlite-proxy';
import type { AppDatabase } from './appDatabase';

/** Builds queries only (never runs one): their SQL is rendered once, below, and run through a database's `prepare`. */
export const queryBuilder = drizzle(() => Promise.reject(new Error('queryBuilder only builds queries: run them through builtStatement')));

const dialect = new SQLiteAsyncDialect();

/**
 * A builder query with `sql.placeholder(name)` values, rendered to SQL text once and run as a prepared statement on
 * either backend: for the hot paths (each send moves its delivery four times), where building the query on every
 * call cost more than running it. The text is SQLite's rendering (`?` placeholders, double-quoted names), which the
 * Postgres data access numbers as `$1…`. Rows of `table` come back decoded as the builder would decode them.
 */
export function builtStatement<Row>(query: SQLWrapper, table: SQLiteTable) {
  const { sql: text, params } = dialect.sqlToQuery(query.getSQL());
  const columns = new Map(Object.entries(getTableColumns(table)).map(([key, column]) => [column.name, { key, column }]));
  const bound = (values: Record<string, unknown>) => fillPlaceholders(params, values);
  const decoded = (row: Record<string, unknown>): Row => {
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(row)) {
      const found = columns.get(name);
      out[found?.key ?? name] = found && value !== null ? found.column.mapFromDriverValue(value) : value;
    }
    return out as Row;
  };
  return {
    get: async (db: AppDatabase, values: Record<string, unknown>): Promise<Row | undefined> => {
      const row = await db.prepare(text).get<Record<string, unknown>>(...bound(values));
      return row === undefined ? undefined : decoded(row);
    },
    all: async (db: AppDatabase, values: Record<string, unknown>): Promise<Row[]> =>
      (await db.prepare(text).all<Record<string, unknown>>(...bound(values))).map(decoded),
    run: async (db: AppDatabase, values: Record<string, unknown>): Promise<{ changes: number }> => await db.prepare(text).run(...bound(values)),
  };
}
