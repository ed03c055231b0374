import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { migratePostgres } from './migratePostgres';
import { pgMigrationsFolder } from './pgMigrationsFolder';

/*
 * Values as SQLite answers them, so a column decodes alike on both backends: 64-bit integers and numerics as numbers
 * (node-postgres keeps them as strings, for precision past 2^53; Lifecycle's are counts, sums of counts and ids, far
 * below that) and JSON as its text (drizzle's JSON columns parse it, as they do SQLite's text). Set on the module,
 * not per pool: drizzle passes node-postgres's module-wide parsers with every query, overriding a pool's own.
 */
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.JSON, (value) => value);
pg.types.setTypeParser(pg.types.builtins.JSONB, (value) => value);

/** libc collations that compare text byte-wise (code point order for UTF-8), as SQLite's BINARY does. */
const BYTEWISE = new Set(['c', 'posix', 'c.utf8', 'c.utf-8']);

/**
 * Refuses a database that sorts text by a language's rules: ORDER BY, min/max, keyset paging and the rollups' keys
 * would then order differently from SQLite, and from what the code was tested with (`B` < `_c` < `a` byte-wise;
 * `_c` < `a` < `B` in en-US).
 */
async function assertBytewiseCollation(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ provider: string; collation: string }>(
    'SELECT datlocprovider AS provider, datcollate AS collation FROM pg_database WHERE datname = current_database()',
  );
  const found = rows[0];
  if (found && found.provider === 'c' && BYTEWISE.has(found.collation.toLowerCase())) return;
  const said = found?.provider === 'i' ? 'an ICU locale' : `collation ${found?.collation ?? 'unknown'}`;
  throw new Error(
    `DATABASE_URL: Lifecycle's database must compare text byte-wise, as SQLite does; this one uses ${said}. ` +
      `Create it with: CREATE DATABASE lifecycle TEMPLATE template0 LOCALE 'C' ENCODING 'UTF8'`,
  );
}

/**
 * Connects to the Postgres database at `url` (`DATABASE_URL=postgres://…`) and brings its schema up to date under an
 * advisory lock, safe to call from many processes on many hosts at once.
 */
export async function openPostgres(url: string, options: { maxConnections?: number } = {}) {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10 });
  try {
    await assertBytewiseCollation(pool);
    await migratePostgres(pool, pgMigrationsFolder);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return drizzle(pool);
}

export type PostgresDb = Awaited<ReturnType<typeof openPostgres>>;
