import { join } from 'node:path';
import { customers, events, openSqliteFile } from '@lifecycle/db';
import type { AppDatabase } from '../packages/db/src/access/appDatabase';
import { openPostgresApp } from '../packages/db/src/access/openPostgresApp';
import { openSqliteApp } from '../packages/db/src/access/openSqliteApp';
import { startPostgresCluster } from '../packages/db/src/testing/postgresCluster';
import { tempDir } from '../tests/support/processes';
import { inFlight, report } from './figures';

// Ingest-shaped writes (a transaction per batch: store each event, upsert its customer) through synchronous
// better-sqlite3 — the anchor, and the apps' access before they moved — and through AppDatabase (packages/db/src/access,
// what the apps use now) on SQLite and on Postgres, one batch at a time and four at once: what the asynchronous layer
// costs, and what Postgres gives (issue #13). `pnpm bench access [--events N]`.
const BATCH = 100;

function eventRows(batch: number, stamp: string) {
  return Array.from({ length: BATCH }, (_, i) => {
    const n = batch * BATCH + i;
    return {
      event: {
        id: `ev-${n}`,
        messageId: `msg-${n}`,
        type: 'track' as const,
        name: 'page_viewed',
        customerId: `user-${n % 5000}`,
        properties: { path: `/docs/${i}` },
        timestamp: stamp,
        receivedAt: stamp,
      },
      customer: { id: `user-${n % 5000}`, traits: {}, createdAt: stamp, updatedAt: stamp },
    };
  });
}

/** A batch row by row (as most query functions write), or in two multi-row statements (a round trip each on Postgres). */
async function appBatches(db: AppDatabase, batches: number, lanes: number, multiRow = false): Promise<number> {
  const stamp = new Date().toISOString();
  const began = performance.now();
  await inFlight(batches, lanes, (batch) =>
    db.transaction(async () => {
      const rows = eventRows(batch, stamp);
      if (multiRow) {
        await db.insert(events).values(rows.map((row) => row.event));
        // One statement may not update a row twice (Postgres): each customer once.
        const once = [...new Map(rows.map((row) => [row.customer.id, row.customer])).values()];
        await db
          .insert(customers)
          .values(once)
          .onConflictDoUpdate({ target: customers.id, set: { updatedAt: stamp } });
        return;
      }
      for (const row of rows) {
        await db.insert(events).values(row.event);
        await db
          .insert(customers)
          .values(row.customer)
          .onConflictDoUpdate({ target: customers.id, set: { updatedAt: stamp } });
      }
    }),
  );
  return (batches * BATCH) / ((performance.now() - began) / 1000);
}

export async function benchDataAccess(flags: string[] = []): Promise<string[]> {
  const total = Number(flags[flags.indexOf('--events') + 1] ?? 0) || 20_000;
  const batches = Math.ceil(total / BATCH);
  const dir = tempDir('lifecycle-bench-access-');
  const lines: string[] = [];

  // The anchor: statements prepared once, as the hot paths (ingest, activities) did before the move; then drizzle's
  // synchronous builder as most query functions used it (it prepares each statement anew).
  const sync = openSqliteFile(join(dir, 'sync.db'));
  const stamp = new Date().toISOString();
  const insertEvent = sync.$client.prepare(
    'INSERT INTO "events" ("id", "message_id", "type", "name", "customer_id", "properties", "timestamp", "received_at") VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const upsertCustomer = sync.$client.prepare(
    'INSERT INTO "customers" ("id", "traits", "created_at", "updated_at") VALUES (?, ?, ?, ?) ON CONFLICT ("id") DO UPDATE SET "updated_at" = excluded."updated_at"',
  );
  const immediate = (work: () => void) => sync.$client.transaction(work).immediate();
  let began = performance.now();
  for (let batch = 0; batch < batches; batch++) {
    immediate(() => {
      for (const { event, customer } of eventRows(batch, stamp)) {
        insertEvent.run(
          event.id,
          event.messageId,
          event.type,
          event.name,
          event.customerId,
          JSON.stringify(event.properties),
          event.timestamp,
          event.receivedAt,
        );
        upsertCustomer.run(customer.id, '{}', customer.createdAt, customer.updatedAt);
      }
    });
  }
  const anchor = (batches * BATCH) / ((performance.now() - began) / 1000);
  lines.push(report('events/s, SQLite, synchronous prepared statements', anchor, 'events/s', 'anchor'));
  began = performance.now();
  for (let batch = batches; batch < 2 * batches; batch++) {
    immediate(() => {
      for (const row of eventRows(batch, stamp)) {
        sync.insert(events).values(row.event).run();
        sync
          .insert(customers)
          .values(row.customer)
          .onConflictDoUpdate({ target: customers.id, set: { updatedAt: stamp } })
          .run();
      }
    });
  }
  const builder = (batches * BATCH) / ((performance.now() - began) / 1000);
  sync.$client.close();
  lines.push(report('events/s, SQLite, synchronous drizzle builder', builder, 'events/s', `${(builder / anchor).toFixed(2)}× the anchor`));

  const ratio = (rate: number) => `${(rate / anchor).toFixed(2)}× the anchor`;
  for (const multiRow of [false, true]) {
    const how = multiRow ? 'multi-row' : 'row by row';
    const sqlite = openSqliteApp(join(dir, `async-${how}.db`));
    const sqliteRate = await appBatches(sqlite, batches, 4, multiRow);
    await sqlite.close();
    lines.push(report(`events/s, async SQLite, ${how}`, sqliteRate, 'events/s', ratio(sqliteRate)));
  }

  const cluster = await startPostgresCluster();
  try {
    for (const [lanes, multiRow] of [
      [1, false],
      [4, false],
      [1, true],
      [4, true],
    ] as const) {
      const how = multiRow ? 'multi-row' : 'row by row';
      const postgres = await openPostgresApp(await cluster.createDatabase(`bench_${lanes}_${multiRow}`), { maxConnections: lanes + 1 });
      const rate = await appBatches(postgres, batches, lanes, multiRow);
      await postgres.close();
      lines.push(report(`events/s, async Postgres, ${how}, ${lanes} at once`, rate, 'events/s', ratio(rate)));
    }
  } finally {
    cluster.stop();
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchDataAccess(process.argv.slice(2));
