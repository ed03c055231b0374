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
