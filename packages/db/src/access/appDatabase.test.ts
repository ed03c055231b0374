import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { customerHealth } from '../analytics/healthSchema';
import { segmentMemberships } from '../lifecycleSchema';
import { customers } from '../schema';
import { startPostgresCluster, type PostgresCluster } from '../testing/postgresCluster';
import { tempDirectory } from '../testing/tempDatabase';
import type { AppDatabase } from './appDatabase';
import { openPostgresApp } from './openPostgresApp';
import { openSqliteApp } from './openSqliteApp';
import { OUTLIVED } from './outlived';
import { gate } from '../testing/concurrency';

let cluster: PostgresCluster;
const scratch = tempDirectory('app-database');
beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(() => {
  cluster.stop();
  scratch.remove();
});

const backends: [string, (name: string) => Promise<AppDatabase>][] = [
  ['SQLite', (name) => Promise.resolve(openSqliteApp(scratch.file(`${name}.db`)))],
  ['Postgres', async (name) => openPostgresApp(await cluster.createDatabase(name))],
];

/** Resolves when told to: lets a test hold a transaction open at a chosen point. */

const ids = async (db: AppDatabase) => (await db.select({ id: customers.id }).from(customers).orderBy(customers.id)).map((row) => row.id);

describe.each(backends)('the asynchronous data access on %s', (_name, open) => {
  let db: AppDatabase;
  let made = 0;
  beforeEach(async () => {
    db = await open(`access_${++made}`);
  });
  afterEach(async () => {
    await db.close();
  });

  it('writes and reads typed rows: JSON, booleans, defaults, returning, changed-row counts', async () => {
    await db.insert(customers).values({ id: 'ann', email: 'ann@example.com', traits: { plan: 'pro', seats: 3 }, suppressed: true });
    await db.insert(customers).values({ id: 'ann', traits: {} }).onConflictDoNothing();
    const updated = await db
      .update(customers)
      .set({ suppressed: false })
      .where(eq(customers.suppressed, true))
      .returning({ id: customers.id });
    expect(updated).toEqual([{ id: 'ann' }]);
    const [ann] = await db.select().from(customers).where(eq(customers.id, 'ann'));
    expect(ann).toMatchObject({
      id: 'ann',
      email: 'ann@example.com',
      traits: { plan: 'pro', seats: 3 },
      suppressed: false,
      subscription: 'subscribed',
    });
    expect(ann?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(await db.rows(sql`SELECT "id", count(*) AS "n" FROM "customers" GROUP BY "id"`)).toEqual([{ id: 'ann', n: 1 }]);
    expect(await db.run(sql`UPDATE "customers" SET "email" = ${'a@example.com'} WHERE "id" = ${'ann'}`)).toEqual({ changes: 1 });
  });

  it('runs SQL text with SQLite placeholders, positional or named, as rows, first columns or arrays', async () => {
    const insert = db.prepare('INSERT INTO "customers" ("id", "email", "traits") VALUES (?, ?, ?) ON CONFLICT ("id") DO NOTHING');
    expect(await insert.run('ann', 'ann@example.com', '{}')).toEqual({ changes: 1 });
    expect(await insert.run('ann', 'again@example.com', '{}')).toEqual({ changes: 0 });
    await insert.run('bob', null, '{}');
    // A '?' and ':name' inside a string literal or a quoted identifier are text, not placeholders.
    const named = db.prepare(`SELECT "id", 'who? :me' AS "note" FROM "customers" WHERE "id" >= :from AND "id" <> @not ORDER BY "id"`);
    expect(await named.all({ from: 'a', not: 'zed' })).toEqual([
      { id: 'ann', note: 'who? :me' },
      { id: 'bob', note: 'who? :me' },
    ]);
    const emails = db.prepare('SELECT "email", "id" FROM "customers" WHERE "id" = ?');
    expect(await emails.get('ann')).toEqual({ email: 'ann@example.com', id: 'ann' });
    expect(await emails.pluck().get('bob')).toBeNull();
    expect(await emails.pluck().all('ann')).toEqual(['ann@example.com']);
    expect(await emails.raw().all('ann')).toEqual([['ann@example.com', 'ann']]);
    // The same text read as objects again after the shapes above (SQLite caches one statement per text).
    expect(await emails.all('ann')).toEqual([{ email: 'ann@example.com', id: 'ann' }]);
    expect(await emails.get('nobody')).toBeUndefined();
    expect(await db.prepare('DELETE FROM "customers" WHERE "id" IN (?, ?)').run('ann', 'bob')).toEqual({ changes: 2 });
  });

  it('a transaction that throws writes nothing; one that resolves writes everything', async () => {
    await expect(
      db.transaction(async () => {
        await db.insert(customers).values({ id: 'lost', traits: {} });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await db.transaction(async () => {
      await db.insert(customers).values({ id: 'kept', traits: {} });
      await db.insert(customers).values({ id: 'kept-too', traits: {} });
    });
    expect(await ids(db)).toEqual(['kept', 'kept-too']);
  });

  it('a function handed only `db` joins the open transaction, and rolls back with it', async () => {
    const addCustomer = async (id: string) => {
      await db.insert(customers).values({ id, traits: {} });
    };
    await expect(
      db.transaction(async () => {
        await addCustomer('inside');
        expect(await ids(db)).toEqual(['inside']);
        throw new Error('roll back');
      }),
    ).rejects.toThrow();
    expect(await ids(db)).toEqual([]);
  });

  it('work outside an open transaction is neither part of it nor rolled back with it', async () => {
    const held = gate();
    const started = gate();
    const transaction = db.transaction(async () => {
      await db.insert(customers).values({ id: 'in-transaction', traits: {} });
      started.open();
      await held.passed;
      throw new Error('roll back');
    });
    await started.passed;
    // SQLite: waits for the transaction to end; Postgres: runs beside it on another connection.
    const outside = db
      .insert(customers)
      .values({ id: 'outside', traits: {} })
      .then(() => 'written');
    held.open();
    await expect(transaction).rejects.toThrow('roll back');
    expect(await outside).toBe('written');
    expect(await ids(db)).toEqual(['outside']);
  });

  it('a query issued just before a transaction begins, or waiting beside one for another to end, is not taken into it', async () => {
    // Issued, not awaited, before the transaction: it must not run after BEGIN and be rolled back with it.
    const before = db
      .insert(customers)
      .values({ id: 'before', traits: {} })
      .then(() => 'written');
    const first = db.transaction(async () => {
      await db.insert(customers).values({ id: 'rolled-back-1', traits: {} });
      throw new Error('roll back');
    });
    await expect(first).rejects.toThrow('roll back');
    // A query and a second transaction both waiting while a first one holds the connection (SQLite).
    const held = gate();
    const holding = db.transaction(async () => {
      await held.passed;
    });
    const beside = db
      .insert(customers)
      .values({ id: 'beside', traits: {} })
      .then(() => 'written');
    const second = db.transaction(async () => {
      await db.insert(customers).values({ id: 'rolled-back-2', traits: {} });
      throw new Error('roll back');
    });
    held.open();
    await holding;
    await expect(second).rejects.toThrow('roll back');
    expect([await before, await beside]).toEqual(['written', 'written']);
    expect(await ids(db)).toEqual(['before', 'beside']);
  });

  it('work that outlives its transaction cannot write where nobody meant it: its late query is refused', async () => {
    const later = gate();
    let late: Promise<unknown> = Promise.resolve();
    await db.transaction(async () => {
      await db.insert(customers).values({ id: 'committed', traits: {} });
      late = later.passed.then(() => db.insert(customers).values({ id: 'late', traits: {} }));
    });
    const next = db.transaction(async () => {
      later.open();
      // drizzle wraps what the driver threw ("Failed query: …") with it as the cause.
      const refused = (await late.then(
        () => undefined,
        (error: unknown) => error,
      )) as Error & { cause?: Error };
      expect(`${refused.message} ${refused.cause?.message ?? ''}`).toContain(OUTLIVED);
      await db.insert(customers).values({ id: 'next', traits: {} });
    });
    await next;
    expect(await ids(db)).toEqual(['committed', 'next']);
  });

  it('refuses a second nested transaction beside an open one, keeping the first and the outer writes', async () => {
    await db.transaction(async () => {
      await db.insert(customers).values({ id: 'outer', traits: {} });
      const held = gate();
      const first = db.transaction(async () => {
        await db.insert(customers).values({ id: 'nested', traits: {} });
        await held.passed;
      });
      await expect(db.transaction(async () => undefined)).rejects.toThrow(/nested transaction is already open/);
      held.open();
      await first;
    });
    expect(await ids(db)).toEqual(['nested', 'outer']);
  });

  it('answers raw rows by column name even for SQL a builder query ran first', async () => {
    await db.insert(customers).values({ id: 'ann', traits: {} });
    const query = db.select({ id: customers.id }).from(customers);
    expect(await query).toEqual([{ id: 'ann' }]);
    expect(await db.rows(query.getSQL())).toEqual([{ id: 'ann' }]);
  });

  it('a transaction inside a transaction is a savepoint: its failure undoes only its own writes', async () => {
    await db.transaction(async () => {
      await db.insert(customers).values({ id: 'outer', traits: {} });
      await expect(
        db.transaction(async () => {
          await db.insert(customers).values({ id: 'inner', traits: {} });
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
      await db.insert(customers).values({ id: 'outer-after', traits: {} });
    });
    expect(await ids(db)).toEqual(['outer', 'outer-after']);
  });

  it('concurrent transactions each commit whole: a read-modify-write counter loses no increment', async () => {
    await db.insert(customers).values({ id: 'counter', traits: { n: 0 } });
    const increment = () =>
      db.transaction(async () => {
        // Postgres: FOR UPDATE holds the row to the commit, as SQLite's write lock holds the file.
        const [row] = await db.rows<{ traits: string }>(
          db.dialect === 'postgres'
            ? sql`SELECT "traits" FROM "customers" WHERE "id" = 'counter' FOR UPDATE`
            : sql`SELECT "traits" FROM "customers" WHERE "id" = 'counter'`,
        );
        const n = (JSON.parse(row?.traits ?? '{}') as { n: number }).n;
        await db
          .update(customers)
          .set({ traits: { n: n + 1 } })
          .where(eq(customers.id, 'counter'));
      });
    await Promise.all(Array.from({ length: 20 }, increment));
    const [counter] = await db.select({ traits: customers.traits }).from(customers).where(eq(customers.id, 'counter'));
    expect(counter?.traits).toEqual({ n: 20 });
  });
});

describe('two transactions writing one customer at once, on Postgres', () => {
  // Client A scores the customer while client B adds them to a segment. The health rollup's triggers read the other
  // table: under READ COMMITTED each misses the other's uncommitted row, and the customer is never counted in the
  // segment's health — unless the transactions name the customer and so run one after the other.
  const healthInSegments = async (db: AppDatabase) =>
    db.rows(sql`SELECT * FROM "health_member_keyed" WHERE "customers" <> 0 ORDER BY 1, 2, 3, 4`);

  async function scoreWhileJoining(db: AppDatabase, lockCustomers?: string[]) {
    await db.insert(customers).values({ id: 'c1', traits: {} });
    const scored = gate();
    const joined = gate();
    const score = db.transaction(
      async () => {
        await db.insert(customerHealth).values({ customerId: 'c1', score: 80, band: 'healthy', computedAt: '2026-11-01T00:00:00.000Z' });
        scored.open();
        await joined.passed;
      },
      { customers: lockCustomers },
    );
    await scored.passed;
    const join = db.transaction(
      async () => {
        await db.insert(segmentMemberships).values({ segmentId: 's1', customerId: 'c1', enteredAt: '2026-11-01T00:00:00.000Z' });
      },
      { customers: lockCustomers },
    );
    if (lockCustomers) {
      // The join waits on the customer's lock, held by the score: seen in pg_locks, then the score may commit.
      while (
        (await db.rows<{ n: number }>(sql`SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`))[0]?.n === 0
      ) {
        await new Promise((resolve) => setImmediate(resolve));
      }
    } else await join; // no lock: the join commits while the score is still open
    joined.open();
    await Promise.all([score, join]);
  }

  it('counts the customer in the segment when both name the customer; misses it when they do not (the hazard is real)', async () => {
    const serial = await openPostgresApp(await cluster.createDatabase('serial'));
    await serial.insert(customers).values({ id: 'c1', traits: {} });
    await serial.insert(customerHealth).values({ customerId: 'c1', score: 80, band: 'healthy', computedAt: '2026-11-01T00:00:00.000Z' });
    await serial.insert(segmentMemberships).values({ segmentId: 's1', customerId: 'c1', enteredAt: '2026-11-01T00:00:00.000Z' });
    const expected = await healthInSegments(serial);
    await serial.close();
    expect(expected.length).toBeGreaterThan(0);

    const locked = await openPostgresApp(await cluster.createDatabase('locked'));
    await scoreWhileJoining(locked, ['c1']);
    expect(await healthInSegments(locked)).toEqual(expected);
    await locked.close();

    const unlocked = await openPostgresApp(await cluster.createDatabase('unlocked'));
    await scoreWhileJoining(unlocked);
    expect(await healthInSegments(unlocked)).not.toEqual(expected);
    await unlocked.close();
  });
});

describe('a Postgres server that drops its connections (a restart, a failover)', () => {
  it('keeps the process up and answers the next query on a new connection', async () => {
    const url = await cluster.createDatabase('dropped');
    const db = await openPostgresApp(url);
    await db.insert(customers).values({ id: 'c1', traits: {} });
    const admin = await openPostgresApp(url);
    const idleClosed = new Promise<void>((resolve) => {
      const onWarn = console.warn;
      console.warn = (...args: unknown[]) => {
        console.warn = onWarn;
        resolve();
        onWarn(...args);
      };
    });
    // Every other connection to the database ends, the app's idle pooled one among them.
    await admin.prepare('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()').all();
    await idleClosed;
    expect(await db.prepare('SELECT id FROM customers').pluck().all()).toEqual(['c1']);
    await Promise.all([db.close(), admin.close()]);
  });
});
