import { AsyncLocalStorage } from 'node:async_hooks';
import type { SQL } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { openPostgres } from '../postgres/openPostgres';
import type { AppDatabase } from './appDatabase';
import { ambientDatabase } from './ambientDatabase';

/** The Postgres backend of AppDatabase: a pool, each transaction on one of its connections for its whole duration. */
export async function openPostgresApp(url: string, options: { maxConnections?: number } = {}): Promise<AppDatabase> {
  const root = await openPostgres(url, options);
  const open = new AsyncLocalStorage<NodePgDatabase>();
  const current = () => open.getStore() ?? root;
  return ambientDatabase(current, {
    dialect: 'postgres',
    // drizzle turns a transaction opened inside another into a savepoint on the same connection.
    transaction: <T>(work: () => Promise<T>): Promise<T> => current().transaction(async (tx) => open.run(tx, work)),
    rows: async <T extends Record<string, unknown>>(query: SQL) => (await current().execute(query)).rows as T[],
    run: async (query: SQL) => ({ changes: (await current().execute(query)).rowCount ?? 0 }),
    close: () => root.$client.end(),
  });
}
