import type { Db } from '../client';

/**
 * SQLite's `INDEXED BY` hint, for the queries whose plan SQLite gets wrong without it (each site says why). Postgres
 * has no such clause and plans those queries from its statistics: there it is nothing.
 */
export function indexedBy(db: Pick<Db, 'dialect'>, index: string): string {
  return db.dialect === 'sqlite' ? `INDEXED BY ${index}` : '';
}

/**
 * SQLite's `CROSS JOIN … ON`, which keeps the left table the outer loop of the join (each site says why). Postgres has
 * no such hint, and no ON after CROSS JOIN: there a plain JOIN, planned from its statistics.
 */
export function crossJoin(db: Pick<Db, 'dialect'>): string {
  return db.dialect === 'sqlite' ? 'cross join' : 'join';
}
