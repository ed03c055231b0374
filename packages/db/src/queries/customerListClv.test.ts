import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db } from '../client';
import { explainCustomerPage, listCustomerPage, type CustomerListFilter } from './customerList';
import { upsertCustomer } from './customers';
import { addMembership } from './segments';
import { openTestDatabase, onPostgres } from '../testing/testDatabase';

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lifecycle-clv-list-'));
  db = openTestDatabase(join(dir, 'list.db'));
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Customers with revenue to date above zero (with ties), exactly zero, below zero (refunds) or no row at all. */
async function customersWithValues(seed: number): Promise<void> {
  const next = random(seed);
  const value = db.prepare(`INSERT INTO customer_value (customer_id, revenue, orders, first_purchase_at, last_purchase_at) VALUES (?, ?, 1, '2026-01-01', '2026-01-01')`);
  for (let i = 0; i < 90; i++) {
    const id = `cust-${Math.floor(next() * 1000)}-${i}`;
    await upsertCustomer(db, id);
    if (next() < 0.4) await addMembership(db, 'seg_a', id, '2026-01-01T00:00:00.000Z');
    const roll = next();
    if (roll < 0.5) await value.run(id, [10, 25.5, 99][Math.floor(next() * 3)]! + (next() < 0.5 ? 0 : Math.round(next() * 1000) / 10));
    else if (roll < 0.6) await value.run(id, 0);
    else if (roll < 0.7) await value.run(id, -Math.round(next() * 500) / 10);
  }
}

/** Every page of the list, following the keyset as the API's cursor does. */
async function walk(filter: Omit<CustomerListFilter, 'sort' | 'descending' | 'limit' | 'after'>, limit: number): Promise<[string, number][]> {
  const seen: [string, number][] = [];
  let after: CustomerListFilter['after'];
  for (;;) {
    const rows = await listCustomerPage(db, { ...filter, sort: 'clv', descending: false, after, limit });
    seen.push(...rows.map((row): [string, number] => [row.id, row.clv]));
    const last = rows.at(-1);
    if (rows.length < limit || !last) return seen;
    after = { key: last.sortKey, id: last.id };
  }
}

/** The order by definition: revenue to date (0 without a row) highest first, ties by id. */
async function expected(segmentId?: string): Promise<[string, number][]> {
  const member = segmentId ? `AND c.id IN (SELECT customer_id FROM segment_memberships WHERE segment_id = '${segmentId}')` : '';
  return ((await db.prepare(`SELECT c.id AS id, coalesce(v.revenue, 0) AS clv FROM customers c LEFT JOIN customer_value v ON v.customer_id = c.id WHERE true ${member} ORDER BY clv DESC, c.id`).all<{ id: string; clv: number }>())).map((row) => [row.id, row.clv]);
}

describe('customers list by CLV', () => {
  it.each([1, 2, 3])('pages through every customer in CLV order, ties and customers without revenue by id (history %i)', async (seed) => {
    await customersWithValues(seed);
    for (const limit of [1, 7, 50]) {
      expect(await walk({}, limit)).toEqual(await expected());
      expect(await walk({ segmentId: 'seg_a' }, limit)).toEqual(await expected('seg_a'));
    }
  });

  // SQLite only: SQLite's query plan.
  it.skipIf(onPostgres())('walks indexes in the page order, never sorting the customers', async () => {
    await customersWithValues(4);
    for (const after of [undefined, { key: 25.5, id: 'm' }, { key: 0, id: 'm' }, { key: -3, id: 'm' }]) {
      for (const segmentId of [undefined, 'seg_a']) {
        const plan = (await explainCustomerPage(db, { sort: 'clv', descending: false, segmentId, after, limit: 51 })).join(' | ');
        expect(plan, JSON.stringify({ after, segmentId })).not.toContain('USE TEMP B-TREE');
      }
    }
  });
});
