import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { migratePostgres } from './migratePostgres';
import { pgMigrationsFolder } from './pgMigrationsFolder';

/*
 * Values as SQLite answers them, so a column decodes alike on both backends: 64-bit integers, numerics and booleans as numbers
 * (node-postgres keeps them as strings, for precision past 2^53; Lifecycle's are counts, sums of counts and ids, far
 * below that) and JSON as its text (drizzle's JSON columns parse it, as they do SQLite's text). Set on the module,
 * not per pool: drizzle passes node-postgres's module-wide parsers with every query, overriding a pool's own.
 */
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.JSON, (value) => value);
pg.types.setTypeParser(pg.types.builtins.JSONB, (value) => value);
// Dates as the text SQLite's date() answers (`date(x)` with one argument is Postgres's cast to its date type).
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// Booleans as SQLite's 1 and 0: SQL text compares and sums them as numbers, and drizzle's boolean columns read either.
pg.types.setTypeParser(pg.types.builtins.BOOL, (value) => (value === 't' ? 1 : 0));

/** libc locales in which text compares byte-wise and lower() folds ASCII only, as SQLite's BINARY and lower() do. */
const SQLITE_LIKE = new Set(['c', 'posix']);

/**
 * Refuses a database whose text rules differ from SQLite's: a language's collation orders ORDER BY, min/max, keyset
 * paging and the rollups' keys differently (`B` < `_c` < `a` byte-wise; `_c` < `a` < `B` in en-US), and a Unicode
 * character type (C.UTF-8 included) makes lower() fold `É` where SQLite keeps it, so `lower(name)` unique indexes and
 * the suppression lookups would disagree with SQLite's.
 */
async function assertSqliteTextRules(pool: pg.Pool): Promise<void> {
  const version = Number((await pool.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]?.v);
  if (version < 150000) throw new Error(`DATABASE_URL: Lifecycle needs PostgreSQL 15 or later (found ${version})`);
  const { rows } = await pool.query<{ provider: string; collation: string; ctype: string }>(
    'SELECT datlocprovider AS provider, datcollate AS collation, datctype AS ctype FROM pg_database WHERE datname = current_database()',
  );
  const found = rows[0];
  if (found && found.provider === 'c' && SQLITE_LIKE.has(found.collation.toLowerCase()) && SQLITE_LIKE.has(found.ctype.toLowerCase()))
    return;
  const said =
    found?.provider === 'i'
      ? 'an ICU locale'
      : `collation ${found?.collation ?? 'unknown'} and character type ${found?.ctype ?? 'unknown'}`;
  throw new Error(
    `DATABASE_URL: Lifecycle's database must compare and fold text as SQLite does (locale C); this one uses ${said}. ` +
      `Create it with: CREATE DATABASE lifecycle TEMPLATE template0 LOCALE 'C' ENCODING 'UTF8'`,
  );
}

/**
 * Checks the database at `url` and brings its schema up to date under an advisory lock, safe to call from many
 * processes on many hosts at once (on a connection of its own, closed after).
 */
export async function preparePostgres(url: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await assertSqliteTextRules(pool);
    await migratePostgres(pool, pgMigrationsFolder);
  } finally {
    await pool.end();
  }
}

/**
 * A pool that hands out no connection before `opened` resolves (and fails every query with its error if it rejects):
 * a handle that can be made at once, for code that must have its database synchronously, while the checks and
 * migrations run.
 */
class OpeningPool extends pg.Pool {
  constructor(
    config: pg.PoolConfig,
    private readonly opened: Promise<void>,
  ) {
    super(config);
  }

  // pg-pool's own query() calls connect with a callback; drizzle's transactions call it for a promise.
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (error: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(callback?: (error: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): Promise<pg.PoolClient> | void {
    if (!callback) return this.opened.then(() => super.connect());
    this.opened.then(
      () => super.connect(callback),
      (error: unknown) => callback(error as Error, undefined, () => undefined),
    );
  }
}

/**
 * A drizzle handle on the database at `url` at once; its queries wait for `opened` (the checks and migrations, and
 * whatever the caller does first).
 */
export function connectPostgres(url: string, options: { maxConnections?: number; opened: Promise<void> }) {
  const pool = new OpeningPool({ connectionString: url, max: options.maxConnections ?? 10 }, options.opened);
  // An idle connection the server closed (a restart, a failover) is dropped by the pool, which opens another for the
  // next query; unhandled, this event would end the process.
  pool.on('error', (error) => console.warn(`postgres: an idle connection failed and was dropped: ${error.message}`));
  return drizzle(pool);
}

/** Connects to the Postgres database at `url` (`DATABASE_URL=postgres://…`), checked and migrated first (preparePostgres). */
export async function openPostgres(url: string, options: { maxConnections?: number } = {}) {
  await preparePostgres(url);
  return drizzle(new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10 }));
}
