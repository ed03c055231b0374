import type { Db } from './client';
import type { RawStatement } from './access/rawStatement';

/**
 * Builds a database's statements on first use and keeps them for as long as that database handle lives: the hot paths
 * (ingest hooks, workflow activities) run them per event or per step. Keyed weakly, so a closed test database takes
 * its statements with it. (SQLite's prepared statements themselves are cached by text in the data access.)
 */
export function preparedPerDb<T>(prepare: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let prepared = cache.get(db);
    if (prepared === undefined) cache.set(db, (prepared = prepare(db)));
    return prepared;
  };
}

/**
 * A statement for SQL built at run time from a definition (a segment's condition), which is the same text from event
 * to event while only its parameters change.
 */
export function preparedText(db: Db, text: string): RawStatement {
  return db.prepare(text);
}
