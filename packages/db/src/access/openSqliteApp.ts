import type Database from 'better-sqlite3';
import type { SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import { drizzle } from 'drizzle-orm/sqlite-proxy';
import { openDatabase, type Db } from '../client';
import type { AppDatabase } from './appDatabase';
import { ambientDatabase } from './ambientDatabase';
import { ConnectionTurns } from './connectionTurns';

/** better-sqlite3 binds no booleans; SQLite stores them as 1/0 (what drizzle's boolean columns send already). */
const bindable = (params: unknown[]) => params.map((param) => (typeof param === 'boolean' ? Number(param) : param));

/** The SQLite backend of AppDatabase: the migrated file (`openDatabase`) behind drizzle's async SQLite driver. */
export function openSqliteApp(file: string): AppDatabase {
  return sqliteAppOver(openDatabase(file).$client);
}

const shared = new WeakMap<Db, AppDatabase>();

/**
 * The AppDatabase on the same connection as a synchronous `Db`, one per handle: while the query functions move from
 * `Db` to AppDatabase, the moved and the not-yet-moved share one connection, so a write of either is seen at once by
 * the other and nothing waits on a second connection's lock. It stays correct because a SQLite transaction here awaits
 * only the database, which answers synchronously under its promises: the transaction begins and commits within one
 * turn of the event loop, where no synchronous query from elsewhere can run in between.
 */
export function appDatabaseOn(db: Db): AppDatabase {
  let app = shared.get(db);
  if (!app) shared.set(db, (app = sqliteAppOver(db.$client)));
  return app;
}

function sqliteAppOver(sqlite: Database.Database): AppDatabase {
  const turns = new ConnectionTurns();
  const statements = new Map<string, Database.Statement<unknown[]>>();
  const prepared = (text: string) => {
    let statement = statements.get(text);
    if (!statement) {
      statement = sqlite.prepare(text);
      // Bounded: SQL built from user definitions (segments) must not grow the cache without end.
      if (statements.size >= 1_000) statements.delete(statements.keys().next().value as string);
      statements.set(text, statement);
    }
    return statement;
  };
  const db = drizzle((text, params, method) =>
    turns.use(() => {
      const statement = prepared(text);
      const values = bindable(params);
      if (method === 'run' && !statement.reader) return { rows: [], changes: statement.run(...values).changes } as { rows: unknown[] };
      // raw(true) stays set on the cached statement: `rows` below sets it back for its own use.
      if (method === 'get') return { rows: statement.raw(true).get(...values) as unknown[] };
      return { rows: statement.raw(true).all(...values) };
    }),
  );
  const dialect = new SQLiteAsyncDialect();
  let savepoints = 0;
  const direct = <T>(query: SQL, act: (statement: Database.Statement<unknown[]>, values: unknown[]) => T) => {
    const { sql: text, params } = dialect.sqlToQuery(query);
    return turns.use(() => act(prepared(text), bindable(params)));
  };
  return ambientDatabase(() => db, {
    dialect: 'sqlite',
    transaction: async <T>(work: () => Promise<T>): Promise<T> => {
      const open = turns.current();
      if (open) {
        // One connection: a savepoint opened beside another (Promise.all of two nested transactions) would take the
        // other's writes with it when it rolls back. Nested transactions run one after another, or not at all.
        if (open.nestedOpen)
          throw new Error('a nested transaction is already open in this transaction: run nested transactions one after another');
        const savepoint = `s${++savepoints}`;
        open.nestedOpen = true;
        sqlite.exec(`SAVEPOINT ${savepoint}`);
        try {
          const result = await work();
          sqlite.exec(`RELEASE ${savepoint}`);
          return result;
        } catch (error) {
          sqlite.exec(`ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
          throw error;
        } finally {
          open.nestedOpen = false;
        }
      }
      // IMMEDIATE: take the write lock first, so another process's writer makes this wait instead of failing a
      // read-then-write with SQLITE_BUSY (writeTransaction.ts says the same for the synchronous API).
      return turns.hold(
        async () => {
          try {
            const result = await work();
            sqlite.exec('COMMIT');
            return result;
          } catch (error) {
            if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
            throw error;
          }
        },
        () => sqlite.exec('BEGIN IMMEDIATE'),
      );
    },
    rows: <T extends Record<string, unknown>>(query: SQL) =>
      direct(query, (statement, values) => statement.raw(false).all(...values) as T[]),
    run: (query: SQL) =>
      direct(query, (statement, values) => {
        if (!statement.reader) return { changes: statement.run(...values).changes };
        statement.raw(false).all(...values);
        return { changes: 0 };
      }),
    close: () => {
      sqlite.close();
      return Promise.resolve();
    },
  });
}
