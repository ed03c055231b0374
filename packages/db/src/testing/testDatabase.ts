import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { connectPostgresApp } from '../access/openPostgresApp';
import { openDatabase, type Db } from '../client';

/** The Postgres server a test run uses when `LIFECYCLE_TEST_DATABASE=postgres` (tests/support/globalSetup.ts). */
export type TestPostgres = {
  /** `postgres://user@host:port`, without a database. */
  server: string;
  /** A migrated database each test database is copied from (a copy takes a fraction of running the migrations). */
  template: string;
};

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Postgres server of this run, or null when the tests run on SQLite (the default). */
    testPostgres: TestPostgres | null;
  }
}

/** Whether this test run's databases are Postgres ones (`LIFECYCLE_TEST_DATABASE=postgres`). */
export function testPostgres(): TestPostgres | null {
  try {
    return inject('testPostgres') ?? null;
  } catch {
    return null; // outside a vitest worker (a bench script)
  }
}

async function onServer(server: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${server}/postgres` });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Creates the database `name`, a copy of the run's migrated template. */
function copyTemplate(postgres: TestPostgres, name: string): Promise<void> {
  // FILE_COPY: half the time of the default WAL_LOG for a small template (~60 ms against ~120 ms here).
  return onServer(postgres.server, `CREATE DATABASE "${name}" TEMPLATE "${postgres.template}" STRATEGY FILE_COPY`);
}

/** Drops the database `name`, ending whatever connections are still open on it. */
function dropDatabase(postgres: TestPostgres, name: string): Promise<void> {
  return onServer(postgres.server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

const freshName = () => `test_${randomBytes(6).toString('hex')}`;

/** The Postgres databases standing in for files this process opened, with how many handles each has open. */
const standIns = new Map<string, { url: string; name: string; handles: number; created: Promise<void> }>();

/**
 * The app database of a test: the SQLite file `file` (`:memory:` for a private one), or, when this run's tests are
 * on Postgres, a fresh database copied from the migrated template standing in for that file. Opening the same file
 * again answers another handle on the same database, as SQLite does; the database is dropped when its last handle
 * closes. The handle is there at once (tests build their apps synchronously); its first query waits for the copy.
 */
export function openTestDatabase(file: string): Db {
  const postgres = testPostgres();
  if (!postgres) return openDatabase(file);
  const shared = file === ':memory:' ? undefined : standIns.get(file);
  const name = shared?.name ?? freshName();
  const standIn = shared ?? {
    name,
    url: `${postgres.server}/${name}`,
    handles: 0,
    created: copyTemplate(postgres, name),
  };
  standIn.created.catch(() => undefined); // reported by the handles' queries
  standIn.handles++;
  if (file !== ':memory:') standIns.set(file, standIn);
  // A second handle on the file waits for the first one's copy, as its queries wait for this one's.
  const db = connectPostgresApp(standIn.url, { maxConnections: 4, before: () => standIn.created });
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      await db.close();
      if (--standIn.handles > 0) return;
      if (standIns.get(file) === standIn) standIns.delete(file);
      await dropDatabase(postgres, standIn.name);
    })());
  return new Proxy(db, { get: (target, property, receiver) => (property === 'close' ? close : Reflect.get(target, property, receiver)) });
}

/**
 * A fresh database copied from the migrated template, for processes of their own that connect with `DATABASE_URL`
 * (an end-to-end platform's API and worker), and the function that drops it once they are gone; undefined when this
 * run's tests are on SQLite.
 */
export async function createTestDatabaseUrl(): Promise<{ url: string; drop: () => Promise<void> } | undefined> {
  const postgres = testPostgres();
  if (!postgres) return undefined;
  const name = freshName();
  await copyTemplate(postgres, name);
  return { url: `${postgres.server}/${name}`, drop: () => dropDatabase(postgres, name) };
}

/** The URL of the Postgres database standing in for `file` while a handle on it is open; undefined on SQLite. */
export function testDatabaseUrl(file: string): string | undefined {
  return standIns.get(file)?.url;
}

/**
 * Whether this run's databases are Postgres ones: for `it.skipIf(onPostgres())` on the few tests of SQLite itself (its
 * query planner, pragmas and locking, a corrupt row that Postgres's jsonb cannot hold), each saying why.
 */
export function onPostgres(): boolean {
  return testPostgres() !== null;
}
