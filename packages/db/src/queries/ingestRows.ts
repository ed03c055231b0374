import { inArray } from 'drizzle-orm';
import type { RawStatement } from '../access/rawStatement';
import { customerAliases } from '../lifecycleSchema';
import type { Db } from '../client';
import { preparedPerDb } from '../preparedPerDb';
import type { NewEvent } from './events';

/**
 * The ingest hot path as SQL statements, made once per database (SQLite prepares each text once). Same SQL semantics
 * as the drizzle queries insertEvent and upsertCustomer, without building each query again per message: that building
 * cost more than SQLite itself (bench/ingestVsRaw.ts).
 */
const statements = preparedPerDb((db: Db) => {
  const sql = (text: string): RawStatement => db.prepare(text);
  return {
    insertEvent: sql(
      `insert into events (id, message_id, write_key_id, type, name, customer_id, anonymous_id, properties, traits, context, timestamp, received_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict(message_id) do nothing`,
    ),
    upsertCustomer: sql(
      `insert into customers (id, traits, email, lifecycle_stage) values (?, ?, ?, ?)
       on conflict(id) do update set traits = json_patch(customers.traits, excluded.traits), email = coalesce(excluded.email, customers.email),
         lifecycle_stage = coalesce(excluded.lifecycle_stage, customers.lifecycle_stage), updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
    ),
    ensureCustomer: sql(`insert into customers (id) values (?) on conflict(id) do nothing`),
    customerStage: sql(`select lifecycle_stage as stage, email from customers where id = ?`),
    resolveAlias: sql(`select customer_id from customer_aliases where alias_id = ?`).pluck(),
    touchActivity: sql(`insert into customer_activity (customer_id, last_seen_at) values (?, ?) on conflict(customer_id) do update set last_seen_at = max(customer_activity.last_seen_at, excluded.last_seen_at)`),
    countEvents: sql(`select count(*) from events where customer_id = ? and name = ? and type = 'track'`).pluck(),
  };
});

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/** Stores an event unless its messageId is known; true when this call stored it. */
export async function insertEventRow(db: Db, event: NewEvent): Promise<boolean> {
  const e = event;
  return (
    (await statements(db).insertEvent.run(e.id, e.messageId, e.writeKeyId ?? null, e.type, e.name ?? null, e.customerId ?? null, e.anonymousId ?? null, json(e.properties ?? {}), json(e.traits), json(e.context), e.timestamp, e.receivedAt)).changes > 0
  );
}

/**
 * Creates the customer or merges traits (identify semantics, as upsertCustomer). The `lifecycleStage` trait is not
 * written to the column here: the caller moves the customer with `changeStage`, so the move is recorded in the stage
 * history (analytics, the profile) and starts stage journeys like any other.
 */
export async function upsertCustomerRow(db: Db, id: string, traits: Record<string, unknown>): Promise<void> {
  const email = typeof traits.email === 'string' ? traits.email : null;
  await statements(db).upsertCustomer.run(id, JSON.stringify(traits), email, null);
}

/** Creates a customer with no traits unless they exist. */
export async function ensureCustomerRow(db: Db, id: string): Promise<void> {
  await statements(db).ensureCustomer.run(id);
}

/** The customer's stage and email, or undefined when there is no such customer. */
export async function customerStageRow(db: Db, id: string): Promise<{ stage: string | null; email: string | null } | undefined> {
  return await statements(db).customerStage.get<{ stage: string | null; email: string | null }>(id);
}

/** The customer an id was merged into, or undefined when it is no alias. */
export async function aliasTarget(db: Db, id: string): Promise<string | undefined> {
  return await statements(db).resolveAlias.get<string>(id);
}

/** The customer each id stands for now: the one it was merged into, or itself. One query per 500 ids. */
export async function currentCustomers(db: Db, ids: Iterable<string>): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  const merged = new Set<string>();
  const into = new Set<string>();
  for (let start = 0; start < unique.length; start += 500) {
    const chunk = unique.slice(start, start + 500);
    const rows = await db
      .select({ aliasId: customerAliases.aliasId, customerId: customerAliases.customerId })
      .from(customerAliases)
      .where(inArray(customerAliases.aliasId, chunk));
    for (const row of rows) {
      merged.add(row.aliasId);
      into.add(row.customerId);
    }
  }
  return new Set([...unique.filter((id) => !merged.has(id)), ...into]);
}

/** Moves the customer's last-seen time forward to `at` (never back). */
export async function touchCustomerActivity(db: Db, customerId: string, at: string): Promise<void> {
  await statements(db).touchActivity.run(customerId, at);
}

/** How many `name` track events the customer has. */
export async function countTrackedEvents(db: Db, customerId: string, name: string): Promise<number> {
  return (await statements(db).countEvents.get(customerId, name)) as number;
}
