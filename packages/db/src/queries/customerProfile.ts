import type { Db } from '../client';
import type { Customer } from './customers';
import { sqliteJsonPath } from './jsonPath';
import { forgetStageMoves } from '../analytics/stagesRollup';
import { forgetCustomerHealth } from '../analytics/healthRescore';
import { forgetCustomerAnalytics } from '../analytics/forgetCustomer';
import { mergeCustomerAnalytics } from '../analytics/mergeCustomerAnalytics';
import { mergeStageHistory } from '../analytics/mergeStageHistory';
import { queueRecheck } from './lifecycle';
import { mergeSubscriptions } from './mergeSubscriptions';

/** GET /api/customers filters; all optional. `trait` is `key=value` on a trait (a scan, stopped by the page size). */
export type CustomerFilter = { q?: string; stage?: string; segmentId?: string; traitKey?: string; traitValue?: string; after?: string; limit: number; healthBand?: string; sort?: 'id' | 'clv'; afterClv?: number };

/** A customer as the list shows them: with their health score and band (null until scored) and revenue to date. */
export type ListedCustomer = Customer & { health: { score: number; band: string } | null; clv: number };

type Row = Record<string, unknown> & { traits: string };

function toCustomer(row: Row): Customer {
  return {
    id: row.id as string,
    email: (row.email as string | null) ?? null,
    traits: JSON.parse(row.traits) as Record<string, unknown>,
    lifecycleStage: (row.lifecycle_stage as string | null) ?? null,
    subscription: row.subscription as Customer['subscription'],
    suppressed: row.suppressed === 1,
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
  };
}

/** The text range holding exactly the values that start with `prefix` (an index range scan, unlike `like`). */
function prefixRange(prefix: string): [string, string] {
  return [prefix, `${prefix}\u{10FFFF}`];
}

/**
 * A page of customers ordered by id, after the cursor id (keyset paging: each page costs the same at
 * 1M customers). `q` matches the start of the id, of a former id (alias) or of the email (all indexed,
 * case-sensitive); `traitKey` an exact trait value.
 */
export async function listCustomers(db: Db, filter: CustomerFilter): Promise<ListedCustomer[]> {
  const query = customerListQuery(filter);
  return (await db.prepare(query.text).all<Row>(...query.params)).map((row) => ({
    ...toCustomer(row),
    health: row.health_band === null || row.health_band === undefined ? null : { score: row.health_score as number, band: row.health_band as string },
    clv: row.clv as number,
  }));
}

/** The query plan of listCustomers for a filter (the benchmark and the index test read it). */
export async function explainListCustomers(db: Db, filter: CustomerFilter): Promise<string[]> {
  const query = customerListQuery(filter);
  return (await db.prepare(`explain query plan ${query.text}`).all<{ detail: string }>(...query.params)).map((row) => row.detail);
}

function customerListQuery(filter: CustomerFilter): { text: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  let from = 'customers c';
  if (filter.segmentId) {
    from = 'segment_memberships m join customers c on c.id = m.customer_id';
    where.push('m.segment_id = ?');
    params.push(filter.segmentId);
  }
  if (filter.stage) {
    where.push('c.lifecycle_stage = ?');
    params.push(filter.stage);
  }
  if (filter.q) {
    // Two indexed range scans (id, email) unioned, rather than an OR the planner would scan the table for.
    // A customer is found by any id it was known by, too (an `anon:` id or previousId merged into it).
    where.push(
      `c.id in (select id from customers where id >= ? and id < ? union select id from customers where email >= ? and email < ?
        union select customer_id from customer_aliases where alias_id >= ? and alias_id < ?)`,
    );
    const [low, high] = prefixRange(filter.q);
    params.push(low, high, low, high, low, high);
  }
  if (filter.traitKey) {
    where.push(`json_extract(c.traits, ?) = ?`);
    params.push(sqliteJsonPath(filter.traitKey), filter.traitValue ?? '');
  }
  if (filter.healthBand) {
    where.push('c.id in (select customer_id from customer_health where band = ?)');
    params.push(filter.healthBand);
  }
  const byClv = filter.sort === 'clv';
  if (filter.after && byClv) {
    // Keyset over (CLV descending, id): the rows after the cursor's customer in that order.
    where.push('(coalesce(v.revenue, 0) < ? or (coalesce(v.revenue, 0) = ? and c.id > ?))');
    params.push(filter.afterClv ?? 0, filter.afterClv ?? 0, filter.after);
  } else if (filter.after) {
    where.push(filter.segmentId ? 'm.customer_id > ?' : 'c.id > ?');
    params.push(filter.after);
  }
  // Sorting by CLV reads every matching customer (a scan with a bounded sort); sorting by id walks the index.
  const order = byClv ? 'clv desc, c.id' : filter.segmentId ? 'm.customer_id' : 'c.id';
  const health = '(select score from customer_health h where h.customer_id = c.id) as health_score, (select band from customer_health h where h.customer_id = c.id) as health_band';
  const text = `select c.*, ${health}, coalesce(v.revenue, 0) as clv from ${from} left join customer_value v on v.customer_id = c.id ${where.length ? `where ${where.join(' and ')}` : ''} order by ${order} limit ?`;
  return { text, params: [...params, filter.limit] };
}

/** Tables whose rows belong to a customer by `customer_id` (deleted on delete). */
const OWNED_TABLES = ['events', 'runs', 'deliveries', 'stage_history', 'run_failures'] as const;
/**
 * Rows moved to the surviving customer on merge: theirs but for the stage history (merged into one chain) and with the
 * marketing sends (deleted with their delivery; moved so frequency caps count every send the person received).
 */
const MOVED_TABLES = ['events', 'runs', 'deliveries', 'run_failures', 'marketing_sends'] as const;

/**
 * Merges customer `fromId` into `intoId` (an anonymous visitor who identified, an alias): their events,
 * runs, deliveries, marketing sends and offer codes move; both stage histories become one chain, whose last stage
 * is the customer's (mergeStageHistory); subscription choices merge (mergeSubscriptions: an opt-out is never lost);
 * traits merge (the known customer's win); the old id becomes an alias; every analytics figure reads as if their
 * events had been stored under `intoId` (mergeCustomerAnalytics; events still queued for the analytics applier are
 * counted under `intoId` when applied). Segment memberships of the old id are dropped (the caller re-evaluates).
 */
export async function mergeCustomerRows(db: Db, fromId: string, intoId: string): Promise<void> {
  const from = await db.prepare('select * from customers where id = ?').get<Row>(fromId);
  if (!from || fromId === intoId) return;
  const chain: { stage: string | null } = { stage: null };
  await mergeCustomerAnalytics(db, fromId, intoId, async () => {
    chain.stage = await mergeStageHistory(db, fromId, intoId);
    for (const table of MOVED_TABLES) await db.prepare(`update ${table} set customer_id = ? where customer_id = ?`).run(intoId, fromId);
    await db.prepare('update offer_codes set customer_id = ? where customer_id = ?').run(intoId, fromId);
  });
  await db
    .prepare(
      `insert into customers (id, email, traits, lifecycle_stage, subscription, suppressed, created_at) values (?, ?, ?, ?, ?, ?, ?)
       on conflict(id) do update set traits = json_patch(excluded.traits, customers.traits), email = coalesce(customers.email, excluded.email),
         lifecycle_stage = coalesce(?, customers.lifecycle_stage, excluded.lifecycle_stage), created_at = min(customers.created_at, excluded.created_at),
         suppressed = max(customers.suppressed, excluded.suppressed), updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
    )
    .run(intoId, from.email, from.traits, chain.stage ?? from.lifecycle_stage, from.subscription, from.suppressed, from.created_at, chain.stage);
  // A stage from the merged chain: the customer's stage-based segments are checked again, as after changeStage.
  if (chain.stage !== null) await queueRecheck(db, intoId, new Date().toISOString());
  await mergeSubscriptions(db, fromId, intoId);
  await db.prepare('insert into customer_activity (customer_id, last_seen_at) select ?, last_seen_at from customer_activity where customer_id = ? on conflict(customer_id) do update set last_seen_at = max(customer_activity.last_seen_at, excluded.last_seen_at)').run(intoId, fromId);
  await deleteCustomerRows(db, fromId, { keepHistory: true });
  await db.prepare('insert into customer_aliases (alias_id, customer_id) values (?, ?) on conflict(alias_id) do update set customer_id = excluded.customer_id').run(fromId, intoId);
  await db.prepare('update customer_aliases set customer_id = ? where customer_id = ?').run(intoId, fromId);
}

/**
 * Deletes everything stored about a customer: the row, events, runs and their steps, deliveries,
 * stage history, memberships, aliases. Offer codes they held are kept as spent but no longer name them.
 */
export async function deleteCustomerRows(db: Db, customerId: string, options: { keepHistory?: boolean } = {}): Promise<boolean> {
  if (!options.keepHistory) {
    // Analytics first: the journey counters are uncounted from the runs, steps and deliveries before they go.
    await forgetCustomerAnalytics(db, customerId);
    await db.prepare('delete from run_steps where workflow_id in (select workflow_id from runs where customer_id = ?)').run(customerId);
    await forgetStageMoves(db, customerId);
    for (const table of OWNED_TABLES) await db.prepare(`delete from ${table} where customer_id = ?`).run(customerId);
    await db.prepare('update offer_codes set customer_id = null where customer_id = ?').run(customerId);
    await db.prepare('delete from customer_aliases where customer_id = ?').run(customerId);
  }
  for (const table of ['segment_memberships', 'segment_rechecks', 'customer_activity']) await db.prepare(`delete from ${table} where customer_id = ?`).run(customerId);
  await forgetCustomerHealth(db, customerId);
  return (await db.prepare('delete from customers where id = ?').run(customerId)).changes > 0;
}
