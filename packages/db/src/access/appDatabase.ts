import type { SQL, SQLWrapper } from 'drizzle-orm';
import type { SqliteRemoteDatabase } from 'drizzle-orm/sqlite-proxy';
import type { RawStatement } from './rawStatement';

/**
 * The asynchronous data access every app will use, on either backend (issue #13). Queries are written once, with
 * drizzle's query builder over the SQLite tables of the schema, and awaited:
 *
 *   const rows = await db.select().from(customers).where(eq(customers.id, id));
 *
 * On Postgres the same builder calls run through drizzle's node-postgres driver: drizzle renders a table and its columns
 * by name, so the SQLite table objects serve both (their Postgres twins, pgTables.ts, exist for the migrations), and
 * the driver is told to answer JSON as text and 64-bit integers as numbers, as SQLite does, so columns decode alike.
 *
 * Transactions are ambient: inside the `work` of `db.transaction` every query made through `db` — in this function or
 * any it calls — belongs to the transaction, as it does today on SQLite's single connection. On Postgres that means
 * one pooled connection for the transaction's duration; on SQLite, that the process's other queries wait for it.
 * Nested calls become savepoints and run one at a time (a second beside an open one is refused); a query from work that
 * outlived its transaction is refused (outlived.ts). On SQLite a transaction holds the file's write lock across its
 * awaits: it must await only the database, never the network or a promise started outside it. Only the awaited builder (`await query`) and `rows` / `run` below are portable:
 * the SQLite-only `.all()`, `.get()`, `.run()`, `.values()` of a query do not exist on Postgres.
 */
export type AppDatabase = Omit<SqliteRemoteDatabase, 'transaction' | 'all' | 'get' | 'run' | 'values' | 'batch'> & {
  readonly dialect: 'sqlite' | 'postgres';
  /** Whether the caller runs inside a transaction of this database (its work, or what that work calls). */
  inTransaction: () => boolean;
  /**
   * Runs `work` in a transaction (a savepoint when one is open): committed when it resolves, rolled back when it throws.
   * `customers`: the customers whose rows it writes. On Postgres their locks are taken first, in one order, and held
   * to the commit, so two transactions writing one customer run one after the other — what the rollup triggers,
   * written for SQLite's one writer, need (each reads the customer's other rows, and under READ COMMITTED would miss
   * a concurrent transaction's). SQLite writes one transaction at a time anyway.
   */
  transaction: <T>(work: () => Promise<T>, options?: { customers?: readonly string[] }) => Promise<T>;
  /**
   * Takes the customers' locks in the open transaction and holds them to its commit (Postgres; nothing on SQLite,
   * whose one writer serialises every transaction). For work that learns which customers it writes as it goes (the
   * lifecycle sweep, a stage change, a segment re-check); taking a lock already held costs nothing. A transaction
   * that locks as it goes can meet another in a cycle of locks (with a row lock between them); Postgres then refuses
   * one with a deadlock error, which the callers treat as transient (the API answers 503 with Retry-After, the
   * sweep tries again on its next tick).
   */
  lockCustomers: (customers: readonly string[]) => Promise<void>;
  /**
   * Takes a named lock in the open transaction, held to its commit (Postgres; nothing on SQLite, whose one writer
   * serialises every transaction): for a guard that reads and then writes what another process's transaction may
   * read and write meanwhile (a sweep that outlived its lease meeting the next one). Names are apart from customers'.
   */
  lockGuard: (name: string) => Promise<void>;
  /** The rows of a raw SQL query (portable SQL: double-quoted identifiers, values as `${…}` parameters), columns by name. */
  rows: <T extends Record<string, unknown>>(query: SQL) => Promise<T[]>;
  /** Runs a raw SQL statement or a built one (`db.run(db.delete(t).where(…))`); answers how many rows it changed. */
  run: (query: SQL | SQLWrapper) => Promise<{ changes: number }>;
  /** A statement written as SQL text with SQLite's placeholders (rawStatement.ts). */
  prepare: (text: string) => RawStatement;
  /** Runs SQL text of one or more statements without values (DDL, scripts). */
  exec: (text: string) => Promise<void>;
  close: () => Promise<void>;
};
