import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../scripts/demoData/random';
import { type Db } from '../client';
import { countCustomers, explainCustomerPage, listCustomerPage, type CustomerListFilter, type CustomerSort } from './customerList';
import { openTestDatabase, onPostgres } from '../testing/testDatabase';

let dir: string;
let db: Db;

/** The largest band read whole and sorted, lowered from SMALL_BAND so a few hundred customers cross it. */
const SMALL = 60;

/**
 * One band larger than SMALL (walked in the list's order), two small ones (read whole and sorted), customers
 * without a score, names and emails with numbers and gaps, CLV above, at and below zero, and a segment across bands.
 */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lifecycle-band-list-'));
  db = openTestDatabase(join(dir, 'list.db'));
  const next = seededRandom(11);
  const customer = db.prepare('INSERT INTO customers (id, email, traits, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  const health = db.prepare('INSERT INTO customer_health (customer_id, score, band, computed_at) VALUES (?, ?, ?, ?)');
  const value = db.prepare(`INSERT INTO customer_value (customer_id, revenue, orders, first_purchase_at, last_purchase_at) VALUES (?, ?, 1, '2026-01-01', '2026-01-01')`);
  const member = db.prepare(`INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES ('seg_a', ?, '2026-01-01T00:00:00.000Z')`);
  await db.transaction(async () => {
    for (let i = 0; i < 400; i++) {
      const id = `cust-${Math.floor(next() * 500)}-${i}`;
      const created = new Date(Date.parse('2026-01-01T00:00:00.000Z') + Math.floor(next() * 90) * 86_400_000).toISOString();
      const name = next() < 0.7 ? { name: `Person ${Math.floor(next() * 300)}` } : {};
      await customer.run(id, next() < 0.8 ? `user${Math.floor(next() * 900)}.${i}@example.com` : null, JSON.stringify(name), created, created);
      const roll = next();
      if (roll < 0.45) await health.run(id, Math.floor(next() * 40) + 30, 'at_risk', created);
      else if (roll < 0.55) await health.run(id, 90, 'healthy', created);
      else if (roll < 0.65) await health.run(id, 10, 'critical', created);
      if (next() < 0.3) await value.run(id, [0, 12.5, 99, -4][Math.floor(next() * 4)]! + (next() < 0.5 ? 0 : Math.round(next() * 1000) / 10));
      if (next() < 0.3) await member.run(id);
    }
  });
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const keys: Record<CustomerSort, string> = { id: 'c.id_sort', name: 'c.name_sort', email: 'c.email_sort', created: 'c.created_at', clv: 'coalesce(v.revenue, 0)' };

/** The list by definition: the band's (and segment's) customers, in the order's key then id. */
async function expected(sort: CustomerSort, descending: boolean, band: string, segmentId?: string): Promise<string[]> {
  const direction = sort === 'clv' ? 'desc' : descending ? 'desc' : 'asc';
  const idDirection = sort === 'clv' ? 'asc' : direction;
  const member = segmentId ? `AND c.id IN (SELECT customer_id FROM segment_memberships WHERE segment_id = '${segmentId}')` : '';
  return await db
    .prepare(`SELECT c.id FROM customers c JOIN customer_health h ON h.customer_id = c.id LEFT JOIN customer_value v ON v.customer_id = c.id
      WHERE h.band = ? ${member} ORDER BY ${keys[sort]} ${direction}, c.id ${idDirection}`)
    .pluck()
    .all<string>(band);
}

/** Every page, following the keyset as the API's cursor does. */
async function walk(filter: Omit<CustomerListFilter, 'limit' | 'after'>, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let after: CustomerListFilter['after'];
  for (;;) {
    const rows = await listCustomerPage(db, { ...filter, after, limit }, SMALL);
    seen.push(...rows.map((row) => row.id));
    const last = rows.at(-1);
    if (rows.length < limit || !last) return seen;
    after = { key: last.sortKey, id: last.id };
  }
}

describe('customers list filtered by health band', () => {
  it('pages through exactly the band, in every order, large band and small bands, with and without a segment', async () => {
    for (const sort of ['id', 'name', 'email', 'created', 'clv'] as const) {
      for (const descending of sort === 'clv' ? [false] : [false, true]) {
        for (const segmentId of [undefined, 'seg_a']) {
          for (const [band, limit] of [['at_risk', 9], ['healthy', 7], ['critical', 50]] as const) {
            const label = JSON.stringify({ sort, descending, band, segmentId });
            expect(await walk({ sort, descending, healthBand: band, segmentId }, limit), label).toEqual(await expected(sort, descending, band, segmentId));
          }
        }
      }
    }
  });

  it('counts a band exactly below the cap and as "more than" past it', async () => {
    const critical = (await expected('id', false, 'critical')).length;
    expect(critical).toBeGreaterThan(20);
    expect(await countCustomers(db, { healthBand: 'critical' }, 1000)).toEqual({ count: critical, exact: true });
    expect(await countCustomers(db, { healthBand: 'critical', segmentId: 'seg_a' }, 1000)).toEqual({ count: (await expected('id', false, 'critical', 'seg_a')).length, exact: true });
    expect(await countCustomers(db, { healthBand: 'at_risk' }, 100)).toEqual({ count: 100, exact: false });
  });

  // SQLite only: SQLite's query plan.
  it.skipIf(onPostgres())('walks the order index for a large band (with or without a segment) and sorts only a small band', async () => {
    for (const sort of ['id', 'name', 'email', 'created', 'clv'] as const) {
      for (const segmentId of [undefined, 'seg_a']) {
        const large = (await explainCustomerPage(db, { sort, descending: false, healthBand: 'at_risk', segmentId, limit: 51 }, SMALL)).join(' | ');
        expect(large, `${sort} ${segmentId}`).not.toContain('USE TEMP B-TREE');
        expect(large, `${sort} ${segmentId}`).not.toContain('LIST SUBQUERY');
      }
      const small = (await explainCustomerPage(db, { sort, descending: false, healthBand: 'healthy', limit: 51 }, SMALL)).join(' | ');
      expect(small, sort).toContain('customer_health_band');
    }
  });
});
