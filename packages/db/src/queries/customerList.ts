import type { Db } from '../client';
import type { Customer } from './customers';
import { clvPageQueries, clvPageRows } from './customerListClv';
import { bandDrives, SMALL_BAND } from './customerListBand';
import { crossJoin } from './indexedBy';
import { sqliteJsonPath } from './jsonPath';

/** The orders of the customers list: natural by id, name or email (cust-2 before cust-10), by first seen, or by CLV. */
export type CustomerSort = 'id' | 'name' | 'email' | 'created' | 'clv';

/** GET /api/customers filters (all optional), the order and the keyset of the last row of the previous page. */
export type CustomerListFilter = {
  q?: string;
  stage?: string;
  segmentId?: string;
  traitKey?: string;
  traitValue?: string;
  healthBand?: string;
  sort: CustomerSort;
  /** `clv` is always highest first. */
  descending: boolean;
  /** The last row of the previous page: its sort key (a number for `clv`) and id. */
  after?: { key: string | number; id: string };
  limit: number;
};

/** A customer as the list shows them: their name (traits.name, or first and last name), health, CLV and sort key. */
export type CustomerListRow = Customer & { name: string | null; health: { score: number; band: string } | null; clv: number; sortKey: string | number };

/** The indexed sort key of each order (generated columns of migration 0019, each with an index on (key, id)); CLV pages are built in customerListClv.ts. */
const sortKeys: Record<Exclude<CustomerSort, 'clv'>, string> = { id: 'c.id_sort', name: 'c.name_sort', email: 'c.email_sort', created: 'c.created_at' };

export type Row = { id: string; email: string | null; traits: string; lifecycle_stage: string | null; subscription: Customer['subscription']; suppressed: number; created_at: string; updated_at: string; display_name: string | null; health_score: number | null; health_band: string | null; clv: number; sort_key: string | number };

/** The text range holding exactly the values that start with `prefix` (an index range scan, unlike `like`). */
function prefixRange(prefix: string): [string, string] {
  return [prefix, `${prefix}\u{10FFFF}`];
}

/**
 * Which table a page is read from: `segment` joins the segment's members (the rows of the customers table otherwise),
 * `band` reads a small health band's customers and sorts them (see bandDrives), `probe` walks the order's index and
 * probes every filter per row (the CLV order walks customer_value and must not be turned into a walk of a filter).
 */
export type Driver = 'segment' | 'band' | 'probe';

/** FROM and WHERE of the filters, shared by the page and the count. */
export function filtered(db: Pick<Db, 'dialect'>, filter: CustomerListFilter, driver: Driver = 'segment'): { from: string; where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  let from = 'customers c';
  if (filter.healthBand && driver === 'band') {
    // CROSS JOIN keeps the band's index the outer loop (the planner could otherwise walk every customer and probe).
    from = `customer_health hb ${crossJoin(db)} customers c on c.id = hb.customer_id`;
    where.push('hb.band = ?');
    params.push(filter.healthBand);
  }
  if (filter.segmentId && driver === 'segment') {
    from = 'segment_memberships m join customers c on c.id = m.customer_id';
    where.push('m.segment_id = ?');
    params.push(filter.segmentId);
  } else if (filter.segmentId) {
    where.push('exists (select 1 from segment_memberships m where m.segment_id = ? and m.customer_id = c.id)');
    params.push(filter.segmentId);
  }
  if (filter.stage) {
    where.push('c.lifecycle_stage = ?');
    params.push(filter.stage);
  }
  if (filter.q) {
    // Indexed range scans unioned (id, email, former ids), rather than an OR the planner would scan the table for.
    where.push(`c.id in (select id from customers where id >= ? and id < ? union select id from customers where email >= ? and email < ?
      union select customer_id from customer_aliases where alias_id >= ? and alias_id < ?)`);
    const [low, high] = prefixRange(filter.q);
    params.push(low, high, low, high, low, high);
  }
  if (filter.traitKey) {
    where.push('json_extract(c.traits, ?) = ?');
    params.push(sqliteJsonPath(filter.traitKey), filter.traitValue ?? '');
  }
  if (filter.healthBand && driver !== 'band') {
    // A primary-key probe per row walked: `IN (select … where band = ?)` would first read the whole band (a
    // third of a million customers) into a temporary index on every page.
    where.push('(select hp.band from customer_health hp where hp.customer_id = c.id) = ?');
    params.push(filter.healthBand);
  }
  return { from, where, params };
}

/** The columns of a list row (health by primary-key probes), before the CLV and sort key. */
export const ROW_COLUMNS =
  'c.id, c.email, c.traits, c.lifecycle_stage, c.subscription, c.suppressed, c.created_at, c.updated_at, c.display_name, ' +
  '(select score from customer_health h where h.customer_id = c.id) as health_score, (select band from customer_health h where h.customer_id = c.id) as health_band';

function pageQuery(db: Pick<Db, 'dialect'>, filter: CustomerListFilter & { sort: Exclude<CustomerSort, 'clv'> }, driver: Driver): { text: string; params: unknown[] } {
  const { from, where, params } = filtered(db, filter, driver);
  const key = sortKeys[filter.sort];
  const [compare, direction] = filter.descending ? ['<', 'desc'] : ['>', 'asc'];
  if (filter.after) {
    // Keyset over (key, id): the rows after the previous page's last one.
    where.push(`(${key} ${compare} ? or (${key} = ? and c.id ${compare} ?))`);
    params.push(filter.after.key, filter.after.key, filter.after.id);
  }
  const text = `select ${ROW_COLUMNS}, coalesce(v.revenue, 0) as clv, ${key} as sort_key from ${from} left join customer_value v on v.customer_id = c.id
    ${where.length ? `where ${where.join(' and ')}` : ''} order by ${key} ${direction}, c.id ${direction} limit ?`;
  return { text, params: [...params, filter.limit] };
}

/**
 * A small band drives the page; a large one is probed per row of the order's index, and so is the segment then (a
 * segment joined first would be read whole and sorted: 200k members, seconds per page at 1M customers).
 */
async function driverOf(db: Db, filter: CustomerListFilter, smallBand: number): Promise<Driver> {
  if (!filter.healthBand) return 'segment';
  return (await bandDrives(db, filter, smallBand)) ? 'band' : 'probe';
}

/** A page of customers in the chosen order; each order walks an index, so a page costs the same at 1M customers. */
export async function listCustomerPage(db: Db, filter: CustomerListFilter, smallBand = SMALL_BAND): Promise<CustomerListRow[]> {
  const driver = await driverOf(db, filter, smallBand);
  let rows: Row[];
  if (filter.sort === 'clv') rows = await clvPageRows(db, filter, driver === 'band');
  else {
    const query = pageQuery(db, { ...filter, sort: filter.sort }, driver);
    rows = await db.prepare(query.text).all<Row>(...query.params);
  }
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    traits: JSON.parse(row.traits) as Record<string, unknown>,
    lifecycleStage: row.lifecycle_stage,
    subscription: row.subscription,
    suppressed: row.suppressed === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    name: row.display_name,
    health: row.health_band === null ? null : { score: row.health_score ?? 0, band: row.health_band },
    clv: row.clv,
    sortKey: row.sort_key,
  }));
}

/** The query plan of a list page (the index test reads it). */
export async function explainCustomerPage(db: Db, filter: CustomerListFilter, smallBand = SMALL_BAND): Promise<string[]> {
  const driver = await driverOf(db, filter, smallBand);
  const queries = filter.sort === 'clv' ? clvPageQueries(db, filter, driver === 'band') : [pageQuery(db, { ...filter, sort: filter.sort }, driver)];
  const details: string[] = [];
  for (const query of queries) {
    const plan = await db.prepare(`explain query plan ${query.text}`).all<{ detail: string }>(...query.params);
    details.push(...plan.map((row) => row.detail));
  }
  return details;
}

/**
 * How many customers match: exact without filters (a count over the smallest index); with filters counted up to
 * `cap` and then marked an estimate (`exact: false`, "more than cap"), so a filter matching most of 1M rows stays fast.
 */
export async function countCustomers(db: Db, filter: Omit<CustomerListFilter, 'sort' | 'descending' | 'after' | 'limit'>, cap: number): Promise<{ count: number; exact: boolean }> {
  // A band drives the count (its index read up to the cap) rather than the customers probed one by one until the cap.
  const { from, where, params } = filtered(db, { ...filter, sort: 'id', descending: false, limit: 0 }, filter.healthBand ? 'band' : 'segment');
  if (where.length === 0) return { count: ((await db.prepare('select count(*) from customers').pluck().get()) as number), exact: true };
  const count = (await db.prepare(`select count(*) from (select 1 from ${from} where ${where.join(' and ')} limit ?) AS sub1`).pluck().get(...params, cap + 1)) as number;
  return count > cap ? { count: cap, exact: false } : { count, exact: true };
}
