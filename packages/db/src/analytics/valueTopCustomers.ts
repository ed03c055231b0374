import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { customerFilter } from './customerFacts';
import type { ValueFilter } from './valueQueries';
import { scopeOf } from './valueScopes';
import { indexedBy } from '../queries/indexedBy';

export type TopCustomer = { customerId: string; revenue: number; orders: number; lastPurchaseAt: string };

const COLUMNS = sql`v.customer_id AS customerId, v.revenue AS revenue, v.orders AS orders, v.last_purchase_at AS lastPurchaseAt`;

/** Customers with a base-currency revenue row (one `customer_value` row each) in a scope: their first paying-day cells (0029). */
async function payersIn(db: Db, filter: ValueFilter): Promise<number> {
  const [row] = await db.rows<{ customers: number | null }>(sql`SELECT sum(customers) AS customers FROM revenue_scope_payers WHERE ${scopeOf(filter)} AND prev_day = ''`);
  return row?.customers ?? 0;
}

/**
 * The filter as per-row probes of a walked customer_value row (primary-key lookups). Scalar subqueries rather than
 * EXISTS: SQLite (3.53) turns an EXISTS into a join and first builds a Bloom filter over the whole segment (130+ ms
 * for 200k members), where the walk needs a few hundred probes.
 */
function probes(filter: ValueFilter): SQL {
  const parts: SQL[] = [sql`1 = 1`];
  if (filter.segmentId !== null) parts.push(sql`(SELECT 1 FROM segment_memberships m WHERE m.segment_id = ${filter.segmentId} AND m.customer_id = v.customer_id) IS NOT NULL`);
  if (filter.channel !== null) parts.push(sql`(SELECT 1 FROM customer_facts f WHERE f.customer_id = v.customer_id AND f.channel = ${filter.channel}) IS NOT NULL`);
  return sql.join(parts, sql` AND `);
}

/**
 * The customers with the most revenue to date (historical CLV per customer), in the filter; ties by id. Two plans,
 * chosen by how many of the paying customers the filter holds (from the payer rollup, no scan):
 * - walk customer_value in CLV order (migration 0040's index) probing the filter per row, stopping at `limit` rows:
 *   about limit × payers ÷ payers-in-filter rows read, so cheap when the filter holds a fair share of the payers;
 * - otherwise read the filter's customers and sort their rows: about payers-in-filter rows.
 * The walk is taken when its expected rows are fewer; a filter without paying customers answers at once.
 */
export async function topCustomersByClv(db: Db, filter: ValueFilter, limit: number): Promise<TopCustomer[]> {
  if (filter.segmentId === null && filter.channel === null) return await walk(db, filter, limit);
  const inFilter = await payersIn(db, filter);
  if (inFilter === 0) return [];
  const all = await payersIn(db, { segmentId: null, channel: null });
  return limit * all <= inFilter * inFilter ? await walk(db, filter, limit) : await sorted(db, filter, limit);
}

async function walk(db: Db, filter: ValueFilter, limit: number): Promise<TopCustomer[]> {
  return await db.rows<TopCustomer>(sql`
    SELECT ${COLUMNS} FROM customer_value v ${sql.raw(indexedBy(db, 'customer_value_clv_order'))} WHERE ${probes(filter)}
    ORDER BY v.revenue DESC, v.customer_id LIMIT ${limit}`);
}

async function sorted(db: Db, filter: ValueFilter, limit: number): Promise<TopCustomer[]> {
  return await db.rows<TopCustomer>(sql`
    SELECT ${COLUMNS} FROM customer_value v WHERE ${customerFilter(sql`v.customer_id`, filter)} ORDER BY v.revenue DESC, v.customer_id LIMIT ${limit}`);
}
