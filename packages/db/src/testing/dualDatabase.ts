import type Database from 'better-sqlite3';
import pg from 'pg';
import { openSqliteFile } from '../client';
import { openPostgres } from '../postgres/openPostgres';
import { startPostgresCluster, type PostgresCluster } from './postgresCluster';

/**
 * One fresh SQLite file and one fresh Postgres database, both migrated, driven by the same statements: the parity
 * tests run a workload on the tables the app writes and expect every table — the rollups the triggers keep included —
 * to hold the same rows on both backends.
 */
export type DualDatabase = {
  sqlite: Database.Database;
  pg: pg.Pool;
  /**
   * Runs one statement on both: double-quoted identifiers and `?` placeholders (turned into `$1…` for Postgres).
   * Booleans are passed as 1/0 (Postgres reads '1'/'0' into a boolean column), JSON as its text. Throws when only one
   * backend fails, or when both fail (the workload is meant to be valid).
   */
  run: (statement: string, params?: unknown[]) => Promise<void>;
  /** Rows as each backend has them, normalised (see `normalise`), for one query written portably. */
  query: (statement: string, params?: unknown[]) => Promise<{ sqlite: unknown[]; postgres: unknown[] }>;
  /** Every table whose rows differ between the backends, with a few rows present in only one of them (zero cells of
   * the counter tables in ZERO_MEANS_NO_ROW left out). */
  differences: (tables?: string[]) => Promise<string[]>;
  close: () => Promise<void>;
};

/** `?` → `$n` outside quoted strings and identifiers. */
export function numberPlaceholders(statement: string): string {
  let n = 0;
  let out = '';
  let quote: string | undefined;
  for (const char of statement) {
    if (quote) {
      if (char === quote) quote = undefined;
      out += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      out += char;
    } else out += char === '?' ? `$${++n}` : char;
  }
  return out;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A value as both backends can agree on it: booleans as 1/0 (SQLite has none), JSON (a jsonb object, or text that
 * parses as an object or array) in one canonical text (jsonb reorders keys and spaces its text), and non-integer
 * numbers to 6 decimals (SQLite's julianday arithmetic carries ~1e-8 s of floating error that Postgres's does not).
 */
export function normalise(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return Number.isInteger(value) ? value : Math.round(value * 1e6) / 1e6;
  if (typeof value === 'string' && /^[[{]/.test(value)) {
    try {
      return canonicalJson(JSON.parse(value));
    } catch {
      return value;
    }
  }
  if (typeof value === 'object') return canonicalJson(value);
  return value;
}

/**
 * Counter tables whose cells every reader sums, where a row at 0 means the same as no row — and where the backends may
 * disagree about such rows: when one statement deletes several rows of a customer (a forget, a merge), SQLite runs a
 * row trigger after each row and may pass a cell through +1 then −1, leaving it at 0, while Postgres runs them once
 * the statement is done and never makes the cell. `differences` leaves those rows out on both sides.
 */
const ZERO_MEANS_NO_ROW: Record<string, string> = {
  retention_scope_periods: '"joined" <> 0 OR "departed" <> 0 OR "stage_churned" <> 0 OR "customers" <> 0',
  value_churn_scopes: '"customers" <> 0',
  survey_score_days: '"answers" <> 0',
  revenue_scope_payers: '"customers" <> 0',
};

const normaliseRows = (rows: Record<string, unknown>[]) =>
  rows.map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).map(([key, value]) => [key, normalise(value)])))).sort();

export async function openDualDatabase(cluster: PostgresCluster, prefix: string): Promise<DualDatabase> {
  const sqlite = openSqliteFile(':memory:').$client;
  const postgres = (await openPostgres(await cluster.createDatabase(prefix))).$client;
  // The global control group's salt is random per database (it decides who is held out): one salt for both.
  sqlite.prepare('UPDATE "global_control_state" SET "salt" = ?').run('0123456789abcdef0123456789abcdef');
  await postgres.query('UPDATE "global_control_state" SET "salt" = $1', ['0123456789abcdef0123456789abcdef']);
  const allTables = (
    sqlite
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations' ORDER BY name",
      )
      .all() as { name: string }[]
  ).map((row) => row.name);
  const both = async (statement: string, params: unknown[]) => {
    let sqliteRows: Record<string, unknown>[] = [];
    let postgresRows: Record<string, unknown>[] = [];
    let sqliteError: unknown;
    let postgresError: unknown;
    try {
      const prepared = sqlite.prepare(statement);
      if (prepared.reader) sqliteRows = prepared.all(...params) as Record<string, unknown>[];
      else prepared.run(...params);
    } catch (error) {
      sqliteError = error;
    }
    try {
      postgresRows = (await postgres.query(numberPlaceholders(statement), params)).rows as Record<string, unknown>[];
    } catch (error) {
      postgresError = error;
    }
    if (sqliteError || postgresError) {
      const said = (error: unknown) => (error === undefined ? 'ok' : (error as Error).message);
      throw new Error(`${statement}\n  sqlite: ${said(sqliteError)}\n  postgres: ${said(postgresError)}`);
    }
    return { sqliteRows, postgresRows };
  };
  return {
    sqlite,
    pg: postgres,
    run: async (statement, params = []) => {
      await both(statement, params);
    },
    query: async (statement, params = []) => {
      const { sqliteRows, postgresRows } = await both(statement, params);
      return {
        sqlite: normaliseRows(sqliteRows).map((row) => JSON.parse(row) as unknown),
        postgres: normaliseRows(postgresRows).map((row) => JSON.parse(row) as unknown),
      };
    },
    differences: async (tables = allTables) => {
      const found: string[] = [];
      for (const table of tables) {
        const columns = (sqlite.prepare(`PRAGMA table_xinfo("${table}")`).all() as { name: string; hidden: number }[])
          .filter((column) => column.hidden !== 1)
          .map((column) => `"${column.name}"`);
        const counted = ZERO_MEANS_NO_ROW[table];
        const select = `SELECT ${columns.join(', ')} FROM "${table}"${counted ? ` WHERE ${counted}` : ''}`;
        const sqliteRows = normaliseRows(sqlite.prepare(select).all() as Record<string, unknown>[]);
        const postgresRows = normaliseRows((await postgres.query(select)).rows as Record<string, unknown>[]);
        // As multisets: a table without a key may hold a row twice on one side and once on the other.
        const unmatched = (rows: string[], others: string[]) => {
          const left = new Map<string, number>();
          for (const row of others) left.set(row, (left.get(row) ?? 0) + 1);
          return rows.filter((row) => {
            const count = left.get(row) ?? 0;
            if (count > 0) left.set(row, count - 1);
            return count === 0;
          });
        };
        const onlySqlite = unmatched(sqliteRows, postgresRows);
        const onlyPostgres = unmatched(postgresRows, sqliteRows);
        if (onlySqlite.length || onlyPostgres.length || sqliteRows.length !== postgresRows.length) {
          found.push(
            `${table}: ${sqliteRows.length} rows in SQLite, ${postgresRows.length} in Postgres\n` +
              onlySqlite
                .slice(0, 5)
                .map((row) => `    only SQLite:   ${row}`)
                .concat(onlyPostgres.slice(0, 5).map((row) => `    only Postgres: ${row}`))
                .join('\n'),
          );
        }
      }
      return found;
    },
    close: async () => {
      sqlite.close();
      await postgres.end();
    },
  };
}

/** A throwaway cluster of its own and a DualDatabase on it (one per test file); `close` ends both. */
export async function openDualOnOwnCluster(prefix: string): Promise<DualDatabase> {
  const cluster = await startPostgresCluster();
  try {
    const dual = await openDualDatabase(cluster, prefix);
    return {
      ...dual,
      close: async () => {
        try {
          await dual.close();
        } finally {
          cluster.stop();
        }
      },
    };
  } catch (error) {
    cluster.stop();
    throw error;
  }
}
