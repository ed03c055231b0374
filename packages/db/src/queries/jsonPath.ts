/**
 * The SQLite JSON path of a dotted trait path: `address.city` → `$."address"."city"`. Every key is
 * quoted and escaped as a JSON string, which SQLite decodes when it compares labels, so no key (quotes,
 * backslashes, dots, brackets) can be read as path syntax or make a "bad JSON path" error.
 */
export function sqliteJsonPath(dottedPath: string): string {
  return `$.${dottedPath.split('.').map((key) => JSON.stringify(key)).join('.')}`;
}

/** The same path as a SQL string literal, for a path written into the statement rather than bound. */
export function sqliteJsonPathLiteral(dottedPath: string): string {
  return `'${sqliteJsonPath(dottedPath).replace(/'/g, "''")}'`;
}

/**
 * The JSON text of a JSON column's value at a dotted path on SQLite (SQL NULL when missing), found as the in-code lookup
 * finds it (lookupPath in @lifecycle/journey), as postgresJsonValue does: at each level a key spelled as the rest of the
 * path (`"address.city"`) wins over going down its first key.
 */
export function sqliteJsonValue(column: string, dottedPath: string): string {
  const keys = dottedPath.split('.');
  const chains = keys.map((_, depth) => [...keys.slice(0, depth), keys.slice(depth).join('.')]);
  const reads = chains.map((chain) => `${column} -> '${`$.${chain.map((key) => JSON.stringify(key)).join('.')}`.replace(/'/g, "''")}'`);
  return reads.length === 1 ? `(${reads[0]})` : `coalesce(${reads.join(', ')})`;
}

/** A key as a Postgres string literal (quotes doubled); a key holding NUL, which no jsonb key can, reads as NULL. */
function postgresKeyLiteral(key: string): string {
  return key.includes('\u0000') ? 'null::text' : `'${key.replace(/'/g, "''")}'`;
}

/**
 * The jsonb value of a JSON column at a dotted path on Postgres, found as the in-code lookup finds it (lookupPath in
 * @lifecycle/journey): at each level a key spelled as the rest of the path (`"address.city"`) wins over going down
 * its first key. Keys are string literals, never path syntax, and `->` with a text key never indexes a list.
 */
export function postgresJsonValue(column: string, dottedPath: string): string {
  const keys = dottedPath.split('.');
  const chains = keys.map((_, depth) => [...keys.slice(0, depth), keys.slice(depth).join('.')]);
  const reads = chains.map((chain) => chain.reduce((read, key) => `${read} -> ${postgresKeyLiteral(key)}`, column));
  return reads.length === 1 ? (reads[0] as string) : `coalesce(${reads.join(', ')})`;
}
