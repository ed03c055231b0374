import { SQL, StringChunk, is } from 'drizzle-orm';

/**
 * Postgres folds unquoted names to lower case, so `SELECT version_id AS versionId` answers a column `versionid` where
 * SQLite answers `versionId`. The SQL text is written once, in SQLite's habit of unquoted camelCase aliases (folded
 * alike wherever the statement names them, so they still match inside it): the columns of a Postgres result get back
 * the case the text wrote them in.
 */
const casesByText = new Map<string, Map<string, string>>();

/** The names written with upper-case letters in `text`, by their folded form. */
function writtenCases(text: string): Map<string, string> {
  let cases = casesByText.get(text);
  if (!cases) {
    cases = new Map();
    for (const [name] of text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) if (name !== name.toLowerCase()) cases.set(name.toLowerCase(), name);
    // A quoted name keeps its case on Postgres: `from_band AS "from"` answers `from`, never the FROM of the text.
    for (const [, quoted] of text.matchAll(/"([^"]*)"/g)) if (quoted !== undefined) cases.delete(quoted);
    // Bounded: SQL built from user definitions (segments) must not grow the cache without end.
    if (casesByText.size >= 1_000) casesByText.delete(casesByText.keys().next().value as string);
    casesByText.set(text, cases);
  }
  return cases;
}

/** The text of a drizzle SQL object's own words (its values and columns aside): where its aliases are written. */
export function sqlWords(query: SQL): string {
  return query.queryChunks
    .map((chunk) => (is(chunk, StringChunk) ? chunk.value.join('') : is(chunk, SQL) ? sqlWords(chunk) : ' '))
    .join('');
}

/** `rows` with each column named as `text` wrote it (the same objects, renamed in place when a name was folded). */
export function withWrittenCase<T extends Record<string, unknown>>(text: string, fields: readonly { name: string }[], rows: T[]): T[] {
  const cases = writtenCases(text);
  const renames = fields.flatMap(({ name }) => {
    const written = cases.get(name);
    return written !== undefined && written !== name ? [[name, written] as const] : [];
  });
  if (renames.length === 0) return rows;
  const names = fields.map(({ name }) => cases.get(name) ?? name);
  // Rebuilt in the column order, which `raw()` and `pluck()` read.
  return rows.map((row) => Object.fromEntries(fields.map(({ name }, index) => [names[index], row[name]])) as T);
}
