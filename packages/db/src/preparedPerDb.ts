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
