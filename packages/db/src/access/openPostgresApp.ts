import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { connectPostgres, preparePostgres } from '../postgres/openPostgres';
import type { AppDatabase } from './appDatabase';
import { ambientDatabase } from './ambientDatabase';
import { OUTLIVED } from './outlived';
import { boundStatement, findPlaceholders } from './placeholders';
import { sqlWords, withWrittenCase } from './columnCase';
import { rawStatement } from './rawStatement';

/**
 * An open transaction as the async work inside it sees it. `open` turns false when it ends: work started inside it
 * and still running afterwards (a timer, an un-awaited promise) must not reach its connection, which the pool may by
 * then have handed to someone else's transaction.
 */
type Ambient = { tx: NodePgDatabase; open: boolean; nestedOpen: boolean };

/**
 * The first keys of the two-key advisory lock spaces: customers' locks ("cu") and guards' ("gd"), apart from each
 * other and from the migration lock's one-key space.
 */
const CUSTOMER_LOCKS = 0x6375;
const GUARD_LOCKS = 0x6764;

type PostgresAppOptions = {
  maxConnections?: number;
  /** Work before the checks and migrations, such as creating the database (a test's copy of a template). */
  before?: () => Promise<void>;
};

/** The Postgres backend of AppDatabase, checked and migrated before it is answered (a bad database fails here). */
export async function openPostgresApp(url: string, options: PostgresAppOptions = {}): Promise<AppDatabase> {
  const db = connectPostgresApp(url, options);
  await db.opened;
  return db;
}

/**
 * The Postgres backend of AppDatabase at once, for code that must have it synchronously: its queries wait for the
 * checks and migrations (`opened`), and fail with their error. A pool, each transaction on one of its connections for
 * its whole duration.
 */
/**
 * Takes the named advisory locks of one space, held to the transaction's end, in one statement. In the order of their
 * keys: two transactions taking the same keys in different orders would deadlock (ordering the names would not do
 * when two names share a hash).
 */
async function lockNames(tx: NodePgDatabase, space: number, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  const values = sql.join([...new Set(names)].map((name) => sql`${name}`), sql`, `);
  // The outer projection takes each lock as the sorted subquery yields its key.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${space}, lock_key)
    FROM (SELECT DISTINCT hashtext(name) AS lock_key FROM unnest(ARRAY[${values}]::text[]) AS named(name) ORDER BY lock_key) AS keys`);
}

export function connectPostgresApp(url: string, options: PostgresAppOptions = {}): AppDatabase & { opened: Promise<void> } {
  const opened = (options.before?.() ?? Promise.resolve()).then(() => preparePostgres(url));
  // Reported through the queries that wait for it (and openPostgresApp), not as an unhandled rejection.
  opened.catch(() => undefined);
  const root = connectPostgres(url, { maxConnections: options.maxConnections, opened });
  const context = new AsyncLocalStorage<Ambient>();
  const ambient = () => {
    const store = context.getStore();
    if (store && !store.open) throw new Error(OUTLIVED);
    return store;
  };
  const current = () => ambient()?.tx ?? root;
  const openTransaction = (caller: string) => {
    const store = ambient();
    if (!store) throw new Error(`${caller} needs an open transaction: the locks are held to its commit`);
    return store.tx;
  };
  return ambientDatabase(current, {
    opened,
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
          await lockNames(tx, CUSTOMER_LOCKS, options.customers ?? []);
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
    lockCustomers: async (customers: readonly string[]) => await lockNames(openTransaction('lockCustomers'), CUSTOMER_LOCKS, customers),
    lockGuard: async (name: string) => await lockNames(openTransaction('lockGuard'), GUARD_LOCKS, [name]),
    rows: async <T extends Record<string, unknown>>(query: SQL) => {
      const result = await current().execute(query);
      return withWrittenCase(sqlWords(query), result.fields, result.rows as T[]);
    },
    run: async (query: SQL | SQLWrapper) => ({ changes: (await current().execute(query.getSQL())).rowCount ?? 0 }),
    prepare: (text: string) => {
      const placeholders = findPlaceholders(text);
      return rawStatement(async (params) => {
        const result = await current().execute(boundStatement(placeholders, params));
        return { rows: withWrittenCase(text, result.fields, result.rows), changes: result.rowCount ?? 0 };
      });
    },
    exec: async (text: string) => {
      await current().execute(sql.raw(text));
    },
    close: () => root.$client.end(),
  });
}
