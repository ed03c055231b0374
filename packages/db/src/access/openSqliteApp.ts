import type Database from 'better-sqlite3';
import type { SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import { drizzle } from 'drizzle-orm/sqlite-proxy';
import { openDatabase } from '../client';
import type { AppDatabase } from './appDatabase';
import { ambientDatabase } from './ambientDatabase';
import { ConnectionTurns } from './connectionTurns';

/** better-sqlite3 binds no booleans; SQLite stores them as 1/0 (what drizzle's boolean columns send already). */
const bindable = (params: unknown[]) => params.map((param) => (typeof param === 'boolean' ? Number(param) : param));

/** The SQLite backend of AppDatabase: the migrated file (`openDatabase`) behind drizzle's async SQLite driver. */
export function openSqliteApp(file: string): AppDatabase {
  const sqlite: Database.Database = openDatabase(file).$client;
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
  const db = drizzle(async (text, params, method) => {
    await turns.mayUse();
    const statement = prepared(text);
    const values = bindable(params);
    if (method === 'run' && !statement.reader) return { rows: [], changes: statement.run(...values).changes } as { rows: unknown[] };
    if (method === 'get') return { rows: statement.raw(true).get(...values) as unknown[] };
    return { rows: statement.raw(true).all(...values) };
  });
  const dialect = new SQLiteAsyncDialect();
  let savepoints = 0;
  const direct = async (query: SQL) => {
    await turns.mayUse();
    const { sql: text, params } = dialect.sqlToQuery(query);
    return { statement: prepared(text), values: bindable(params) };
  };
  return ambientDatabase(() => db, {
    dialect: 'sqlite',
    transaction: async <T>(work: () => Promise<T>): Promise<T> => {
      if (turns.inside()) {
        const savepoint = `s${++savepoints}`;
        sqlite.exec(`SAVEPOINT ${savepoint}`);
        try {
          const result = await work();
          sqlite.exec(`RELEASE ${savepoint}`);
          return result;
        } catch (error) {
          sqlite.exec(`ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
          throw error;
        }
      }
      return turns.hold(async () => {
        // IMMEDIATE: take the write lock first, so another process's writer makes this wait instead of failing a
        // read-then-write with SQLITE_BUSY (writeTransaction.ts says the same for the synchronous API).
        sqlite.exec('BEGIN IMMEDIATE');
        try {
          const result = await work();
          sqlite.exec('COMMIT');
          return result;
        } catch (error) {
          if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
          throw error;
        }
      });
    },
    rows: async <T extends Record<string, unknown>>(query: SQL) => {
      const { statement, values } = await direct(query);
      return statement.all(...values) as T[];
    },
    run: async (query: SQL) => {
      const { statement, values } = await direct(query);
      if (statement.reader) {
        statement.all(...values);
        return { changes: 0 };
      }
      return { changes: statement.run(...values).changes };
    },
    close: () => {
      sqlite.close();
      return Promise.resolve();
    },
  });
}
