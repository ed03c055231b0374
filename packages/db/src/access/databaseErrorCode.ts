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
