import type { Db } from '../client';
import { filtered, ROW_COLUMNS, type CustomerListFilter, type Row } from './customerList';
import { crossJoin, indexedBy } from './indexedBy';

// The customers list by CLV: revenue to date highest first, ties (and every customer without revenue, CLV 0) by id
// ascending. Sorting a left join of every customer would read all 1M of them per page; instead the page is read in
// three ranges that each walk an index in the page's order and stop at the limit:
//   positive CLV — customer_value by (revenue DESC, customer_id) (migration 0040's index),
//   CLV 0        — customers by id, skipping those with a non-zero revenue row,
//   negative CLV — customer_value again (refunds above purchases).
// The filters are probed per row, so a filter matching a fifth of the customers reads about five rows per row shown.
// A small health band (customerListBand.ts) is read whole instead and sorted by CLV in one query.

type Query = { text: string; params: unknown[] };
type Part = 'positive' | 'zero' | 'negative';

function partQuery(db: Pick<Db, 'dialect'>, filter: CustomerListFilter, part: Part, after: { key: number; id: string } | undefined, limit: number): Query {
  const { where, params } = filtered(db, filter, 'probe');
  if (part === 'zero') {
    where.push('not exists (select 1 from customer_value z where z.customer_id = c.id and z.revenue <> 0)');
    if (after) {
      where.push('c.id > ?');
      params.push(after.id);
    }
    return { text: `select ${ROW_COLUMNS}, 0 as clv, 0 as sort_key from customers c where ${where.join(' and ')} order by c.id limit ?`, params: [...params, limit] };
  }
  where.unshift(part === 'positive' ? 'v.revenue > 0' : 'v.revenue < 0');
  if (after) {
    // One range on the index plus a filter: an OR of two ranges would be planned as two lookups and a sort.
    where.push('v.revenue <= ? and not (v.revenue = ? and v.customer_id <= ?)');
    params.push(after.key, after.key, after.id);
  }
  // CROSS JOIN keeps customer_value the outer loop: the planner may not start from customers (or a filter) and sort.
  return {
    text: `select ${ROW_COLUMNS}, v.revenue as clv, v.revenue as sort_key from customer_value v ${indexedBy(db, 'customer_value_clv_order')} ${crossJoin(db)} customers c on c.id = v.customer_id
      where ${where.join(' and ')} order by v.revenue desc, v.customer_id limit ?`,
    params: [...params, limit],
  };
}

/** The parts a page may read from, in order, with the keyset that applies to the first one. */
function partsAfter(after: CustomerListFilter['after']): { part: Part; after?: { key: number; id: string } }[] {
  if (!after) return [{ part: 'positive' }, { part: 'zero' }, { part: 'negative' }];
  const key = Number(after.key);
  const keyset = { key, id: after.id };
  if (key > 0) return [{ part: 'positive', after: keyset }, { part: 'zero' }, { part: 'negative' }];
  if (key === 0) return [{ part: 'zero', after: keyset }, { part: 'negative' }];
  return [{ part: 'negative', after: keyset }];
}

/** A small band's page: its customers sorted by CLV (0 without a row), after the keyset. */
function bandQuery(db: Pick<Db, 'dialect'>, filter: CustomerListFilter, limit: number): Query {
  const { from, where, params } = filtered(db, filter, 'band');
  if (filter.after) {
    where.push('(coalesce(v.revenue, 0) < ? or (coalesce(v.revenue, 0) = ? and c.id > ?))');
    const key = Number(filter.after.key);
    params.push(key, key, filter.after.id);
  }
  return {
    text: `select ${ROW_COLUMNS}, coalesce(v.revenue, 0) as clv, coalesce(v.revenue, 0) as sort_key from ${from} left join customer_value v on v.customer_id = c.id
      where ${where.join(' and ')} order by clv desc, c.id limit ?`,
    params: [...params, limit],
  };
}

/** A page of list rows by CLV (highest first, ties by id), reading each part only while the page is not full. */
export async function clvPageRows(db: Db, filter: CustomerListFilter, smallBand = false): Promise<Row[]> {
  if (smallBand) {
    const query = bandQuery(db, filter, filter.limit);
    return (await db.prepare(query.text).all<Row>(...query.params));
  }
  const rows: Row[] = [];
  for (const { part, after } of partsAfter(filter.after)) {
    if (rows.length >= filter.limit) break;
    const query = partQuery(db, filter, part, after, filter.limit - rows.length);
    rows.push(...((await db.prepare(query.text).all<Row>(...query.params))));
  }
  return rows;
}

/** Every query a CLV page may run (the index test reads their plans). */
export function clvPageQueries(db: Pick<Db, 'dialect'>, filter: CustomerListFilter, smallBand = false): Query[] {
  if (smallBand) return [bandQuery(db, filter, filter.limit)];
  return partsAfter(filter.after).map(({ part, after }) => partQuery(db, filter, part, after, filter.limit));
}
