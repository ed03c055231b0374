import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countCustomers, explainCustomerPage, upsertCustomer } from '@lifecycle/db';
import { FILTERED_COUNT_CAP } from '../services/customers';
import { testApp, type TestApp } from '../testing/testApp';
import { onPostgres } from '@lifecycle/db/testing';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

type Listed = { id: string; name: string | null; email: string | null };
const page = async (query: string) => (await t.send('GET', `/api/customers?${query}`)).body as { customers: Listed[]; nextCursor: string | null; total: { count: number; exact: boolean } };
const ids = async (query: string) => (await page(query)).customers.map((customer) => customer.id);

/** Every id of the list, page by page through the cursors. */
async function allPages(query: string): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = '';
  while (cursor !== null) {
    const body = await page(`${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
    seen.push(...body.customers.map((customer) => customer.id));
    cursor = body.nextCursor;
  }
  return seen;
}

describe('customers list order and total', () => {
  beforeEach(async () => {
    await upsertCustomer(t.db, 'cust-10', { email: 'cust-10@example.com', name: 'Ada 10' });
    await upsertCustomer(t.db, 'cust-2', { email: 'cust-2@example.com', firstName: 'Ada', lastName: '2' });
    await upsertCustomer(t.db, 'cust-1', { email: 'CUST-1@example.com', first_name: 'bea' });
    await upsertCustomer(t.db, 'anon-x', {});
  });

  it('sorts ids, names and emails naturally (cust-2 before cust-10), either way, and pages through every order', async () => {
    expect(await ids('')).toEqual(['anon-x', 'cust-1', 'cust-2', 'cust-10']);
    expect(await ids('dir=desc')).toEqual(['cust-10', 'cust-2', 'cust-1', 'anon-x']);
    // Names from traits.name or first/last name, any case; a customer without one comes last.
    expect((await page('sort=name')).customers.map((customer) => customer.name)).toEqual(['Ada 2', 'Ada 10', 'bea', null]);
    expect(await ids('sort=email')).toEqual(['cust-1', 'cust-2', 'cust-10', 'anon-x']);
    expect(await ids('sort=email&dir=desc')).toEqual(['anon-x', 'cust-10', 'cust-2', 'cust-1']);
    for (const query of ['sort=id', 'sort=id&dir=desc', 'sort=name', 'sort=email&dir=desc', 'sort=created']) {
      expect(await allPages(query), query).toEqual(await ids(query));
    }
  });

  it('counts every customer, and those a filter matches', async () => {
    expect((await page('')).total).toEqual({ count: 4, exact: true });
    expect((await page('q=cust-1')).total).toEqual({ count: 2, exact: true });
    expect((await page('limit=1')).total).toEqual({ count: 4, exact: true });
  });

  it('marks a filtered total past its cap as "more than" instead of counting on, and counts all customers exactly', async () => {
    // The API's cap is FILTERED_COUNT_CAP; the same count with a cap of 2 shows the cut-off on four customers.
    expect(FILTERED_COUNT_CAP).toBeGreaterThanOrEqual(1000);
    expect(await countCustomers(t.db, { q: 'cust-' }, 2)).toEqual({ count: 2, exact: false });
    expect(await countCustomers(t.db, { q: 'cust-' }, 3)).toEqual({ count: 3, exact: true });
    expect(await countCustomers(t.db, {}, 2)).toEqual({ count: 4, exact: true });
  });

  // SQLite only: SQLite's query plan.
  it.skipIf(onPostgres())('walks an index for every order, never sorting the whole table', async () => {
    for (const sort of ['id', 'name', 'email', 'created'] as const) {
      for (const descending of [false, true]) {
        const plan = (await explainCustomerPage(t.db, { sort, descending, after: { key: 'm', id: 'm' }, limit: 51 })).join(' | ');
        expect(plan, `${sort} ${descending ? 'desc' : 'asc'}`).not.toContain('USE TEMP B-TREE');
      }
    }
  });
});
