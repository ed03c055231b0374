import type Database from 'better-sqlite3';
import type { SQL, SQLWrapper } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import { drizzle } from 'drizzle-orm/sqlite-proxy';
import { openSqliteFile } from '../client';
import type { AppDatabase } from './appDatabase';
import { ambientDatabase } from './ambientDatabase';
import { ConnectionTurns } from './connectionTurns';
import type { RawParams, RawStatement } from './rawStatement';

/** better-sqlite3 binds no booleans; SQLite stores them as 1/0 (what drizzle's boolean columns send already). */
const bindableValue = (param: unknown) => (typeof param === 'boolean' ? Number(param) : param);
const bindable = (params: unknown[]) => params.map(bindableValue);
/** Rows as objects: a cached statement may have been left answering arrays or first columns by its last use. */
const asObjects = (statement: Database.Statement<unknown[]>) => statement.pluck(false).raw(false);
/** Positional values, or one object of named ones (a plain object: a Date or Buffer is a value). */
const bindableRaw = (params: RawParams): unknown[] => {
  const [first] = params;
  if (params.length === 1 && first !== null && typeof first === 'object' && Object.getPrototypeOf(first) === Object.prototype)
    return [Object.fromEntries(Object.entries(first).map(([name, value]) => [name, bindableValue(value)]))];
  return bindable(params);
};

/** The SQLite backend of AppDatabase: the migrated file (`openDatabase`) behind drizzle's async SQLite driver. */
export function openSqliteApp(file: string): AppDatabase {
  return sqliteAppOver(openSqliteFile(file).$client);
}

/** The data access over an open better-sqlite3 connection (tests of one migration build theirs by hand). */
export function sqliteAppOver(sqlite: Database.Database): AppDatabase {
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
    inTransaction: () => {
      try {
        return turns.current() !== undefined;
      } catch {
        return false; // work that outlived its transaction is in none
      }
    },
    // One writer: every write transaction already runs alone.
    lockCustomers: async () => undefined,
    lockGuard: async () => undefined,
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
      // read-then-write with SQLITE_BUSY (so does the migration runner).
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
    prepare: (text: string) => {
      // Each call sets the shape it reads in: the cached statement is shared with drizzle's calls and other shapes.
      const reading = (shape: 'objects' | 'pluck' | 'raw') => (statement: Database.Statement<unknown[]>) =>
        shape === 'pluck' ? statement.pluck(true) : shape === 'raw' ? statement.raw(true) : asObjects(statement);
      const shaped = (shape: 'objects' | 'pluck' | 'raw') => ({
        all: (...params: RawParams) => turns.use(() => reading(shape)(prepared(text)).all(...bindableRaw(params))),
        get: (...params: RawParams) => turns.use(() => reading(shape)(prepared(text)).get(...bindableRaw(params))),
      });
      const objects = shaped('objects');
      return {
        all: objects.all,
        get: objects.get,
        run: (...params: RawParams) =>
          turns.use(() => {
            const statement = prepared(text);
            if (statement.reader) {
              asObjects(statement).all(...bindableRaw(params));
              return { changes: 0 };
            }
            return { changes: statement.run(...bindableRaw(params)).changes };
          }),
        pluck: () => shaped('pluck'),
        raw: () => shaped('raw'),
      } as RawStatement;
    },
    exec: (text: string) => turns.use(() => void sqlite.exec(text)),
    rows: <T extends Record<string, unknown>>(query: SQL) =>
      direct(query, (statement, values) => asObjects(statement).all(...values) as T[]),
    run: (query: SQL | SQLWrapper) =>
      direct(query.getSQL(), (statement, values) => {
        if (!statement.reader) return { changes: statement.run(...values).changes };
        asObjects(statement).all(...values);
        return { changes: 0 };
      }),
    close: () => {
      sqlite.close();
      return Promise.resolve();
    },
  });
}
