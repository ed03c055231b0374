import type { Db } from './client';

/**
 * Prepares a database's statements on first use and keeps them for as long as that database handle lives: preparing
 * costs more than running most of these statements, and the hot paths (ingest hooks, workflow activities) run them
 * per event or per step. Keyed weakly, so a closed test database takes its statements with it.
 */
export function preparedPerDb<T>(prepare: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let prepared = cache.get(db);
    if (prepared === undefined) cache.set(db, (prepared = prepare(db)));
    return prepared;
  };
}

const byText = new WeakMap<Db, Map<string, import('better-sqlite3').Statement<unknown[]>>>();

/**
 * A statement prepared once per database and SQL text: for SQL built at run time from a definition (a segment's
 * condition), which is the same text from event to event while only its parameters change.
 */
export function preparedText(db: Db, text: string): import('better-sqlite3').Statement<unknown[]> {
  let cache = byText.get(db);
  if (!cache) byText.set(db, (cache = new Map()));
  let statement = cache.get(text);
  if (!statement) cache.set(text, (statement = db.$client.prepare(text)));
  return statement;
}
