import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { openPostgres } from '../postgres/openPostgres';
import type { AppDatabase } from './appDatabase';
import { ambientDatabase } from './ambientDatabase';
import { OUTLIVED } from './outlived';
import { boundStatement, findPlaceholders } from './placeholders';
import { rawStatement } from './rawStatement';

/**
 * An open transaction as the async work inside it sees it. `open` turns false when it ends: work started inside it
 * and still running afterwards (a timer, an un-awaited promise) must not reach its connection, which the pool may by
 * then have handed to someone else's transaction.
 */
type Ambient = { tx: NodePgDatabase; open: boolean; nestedOpen: boolean };

/** The first key of the customer locks' two-key advisory lock space ("cu"), apart from the migration lock's one-key space. */
const CUSTOMER_LOCKS = 0x6375;

/** The Postgres backend of AppDatabase: a pool, each transaction on one of its connections for its whole duration. */
export async function openPostgresApp(url: string, options: { maxConnections?: number } = {}): Promise<AppDatabase> {
  const root = await openPostgres(url, options);
  const context = new AsyncLocalStorage<Ambient>();
  const ambient = () => {
    const store = context.getStore();
    if (store && !store.open) throw new Error(OUTLIVED);
    return store;
  };
  const current = () => ambient()?.tx ?? root;
  return ambientDatabase(current, {
    dialect: 'postgres',
    inTransaction: () => context.getStore()?.open === true,
    transaction: async <T>(work: () => Promise<T>, options: { customers?: readonly string[] } = {}): Promise<T> => {
      const outer = ambient();
      // One connection per transaction: two savepoints side by side would roll back each other's writes (drizzle
      // also names sibling savepoints alike). Nested transactions run one after another, or not at all.
      if (outer?.nestedOpen)
        throw new Error('a nested transaction is already open in this transaction: run nested transactions one after another');
      if (outer) outer.nestedOpen = true;
      try {
        // drizzle turns a transaction opened inside another into a savepoint on the same connection.
        return await (outer?.tx ?? root).transaction(async (tx) => {
          const store: Ambient = { tx, open: true, nestedOpen: false };
          // Sorted and unique: two transactions locking the same customers in different orders would deadlock.
          for (const customer of [...new Set(options.customers ?? [])].sort()) {
            await tx.execute(sql`SELECT pg_advisory_xact_lock(${CUSTOMER_LOCKS}, hashtext(${customer}))`);
          }
          try {
            return await context.run(store, work);
          } finally {
            store.open = false;
          }
        });
      } finally {
        if (outer) outer.nestedOpen = false;
      }
    },
    rows: async <T extends Record<string, unknown>>(query: SQL) => (await current().execute(query)).rows as T[],
    run: async (query: SQL | SQLWrapper) => ({ changes: (await current().execute(query.getSQL())).rowCount ?? 0 }),
    prepare: (text: string) => {
      const placeholders = findPlaceholders(text);
      return rawStatement(async (params) => {
        const result = await current().execute(boundStatement(placeholders, params));
        return { rows: result.rows, changes: result.rowCount ?? 0 };
      });
    },
    exec: async (text: string) => {
      await current().execute(sql.raw(text));
    },
    close: () => root.$client.end(),
  });
}
