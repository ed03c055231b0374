import { sql, type SQL } from 'drizzle-orm';
import type { RawParams } from './rawStatement';

/** A statement's text cut at its placeholders: `names[i]` (null for `?`) stands between `chunks[i]` and `chunks[i + 1]`. */
export type Placeholders = { chunks: string[]; names: (string | null)[] };

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/**
 * Finds SQLite's placeholders (`?`, `@name`, `:name`, `$name`) outside string literals, quoted identifiers and comments,
 * so that a statement written for SQLite can be sent to a server whose placeholders differ.
 */
export function findPlaceholders(text: string): Placeholders {
  const chunks: string[] = [];
  const names: (string | null)[] = [];
  let from = 0;
  let at = 0;
  const skipTo = (end: string, start: number) => {
    const found = text.indexOf(end, start);
    return found === -1 ? text.length : found + end.length;
  };
  while (at < text.length) {
    const char = text[at] as string;
    if (char === "'" || char === '"' || char === '`') {
      // A doubled quote inside is an escaped quote: skipping to each next quote in turn handles it.
      at = skipTo(char, at + 1);
    } else if (char === '-' && text[at + 1] === '-') at = skipTo('\n', at);
    else if (char === '/' && text[at + 1] === '*') at = skipTo('*/', at + 2);
    else if (char === '?') {
      chunks.push(text.slice(from, at));
      names.push(null);
      from = at = at + 1;
    } else if ((char === '@' || char === ':' || char === '$') && text[at + 1] !== ':' && text[at - 1] !== ':') {
      NAME.lastIndex = at + 1;
      const match = NAME.exec(text);
      if (match) {
        chunks.push(text.slice(from, at));
        names.push(match[0]);
        from = at = at + 1 + match[0].length;
      } else at++;
    } else at++;
  }
  chunks.push(text.slice(from));
  return { chunks, names };
}

/** The statement as drizzle SQL with its values bound, which each dialect renders with its own placeholders. */
export function boundStatement(placeholders: Placeholders, params: RawParams): SQL {
  const named = placeholders.names.some((name) => name !== null);
  const values = named ? ((params[0] ?? {}) as Record<string, unknown>) : undefined;
  let positional = 0;
  const parts: SQL[] = [sql.raw(placeholders.chunks[0] as string)];
  placeholders.names.forEach((name, index) => {
    if (name === null) {
      if (positional >= params.length) throw new Error(`the statement needs more than ${params.length} value(s)`);
      parts.push(sql`${params[positional++]}`);
    } else {
      if (!values || !(name in values)) throw new Error(`the statement needs a value named ${name}`);
      parts.push(sql`${values[name]}`);
    }
    parts.push(sql.raw(placeholders.chunks[index + 1] as string));
  });
  return sql.join(parts);
}
