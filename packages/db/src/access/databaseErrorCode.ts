/**
 * The database's own error code of a failed query (`SQLITE_BUSY`, `SQLITE_FULL`, …): on the error itself for SQL text
 * (`db.prepare`, `db.run`), on its `cause` for a query-builder call, which drizzle wraps in a DrizzleQueryError.
 */
export function databaseErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current !== null && typeof current === 'object' && depth < 3; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Postgres and its client: the server briefly cannot serve this query (a deadlock or serialization loss, a lock or
 * connection slot not available, a restart), or the connection itself failed. A retry may succeed.
 */
const POSTGRES_BUSY = /^(40001|40P01|55P03|53300|57P01|57P03|08...|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE)$/;

/** SQLite's "the other process holds the write lock", Postgres's equivalents above: worth a retry, not a 500. */
export function isDatabaseBusy(error: unknown): boolean {
  const code = databaseErrorCode(error);
  return code !== undefined && (/^SQLITE_(BUSY|LOCKED)/.test(code) || POSTGRES_BUSY.test(code));
}

/**
 * Errors about the database, not the data (busy, full, a failing disk, out of memory, a lost connection): work that
 * met one is retried whole instead of being blamed on its input.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = databaseErrorCode(error);
  if (code === undefined) return false;
  return /^SQLITE_(BUSY|LOCKED|FULL|IOERR|NOMEM|READONLY|CANTOPEN|PROTOCOL|INTERRUPT)/.test(code) || POSTGRES_BUSY.test(code) || /^(53...|58...|57P02)$/.test(code);
}

/** A unique key or primary key the write would have repeated (SQLite's constraint error, Postgres's 23505). */
export function isUniqueViolation(error: unknown): boolean {
  const code = databaseErrorCode(error);
  return code !== undefined && (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY');
}
