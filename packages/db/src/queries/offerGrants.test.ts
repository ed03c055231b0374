import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../client';
import { onPostgres, openTestDatabase } from '../testing/testDatabase';
import { addOfferCodes, createOffer, grantOfferCode } from './offers';

// Two worker processes granting codes from one pool at once, each with its own pool of connections. On Postgres two
// grants can read the same free code (READ COMMITTED). On SQLite the grants share one handle: its write lock
// serialises them, and a second connection in this process would wait for the lock while blocking the first.

let file: string;
let handles: Db[];
beforeEach(() => {
  file = `/tmp/offer-grants-${process.pid}-${Math.random().toString(36).slice(2)}.db`;
  const first = openTestDatabase(file);
  handles = onPostgres() ? [first, openTestDatabase(file)] : [first];
});
afterEach(async () => {
  for (const db of handles) await db.close();
});

describe('pool codes granted by two processes at once', () => {
  it('gives every grant its own code, and the pool runs out instead of giving one twice', async () => {
    const first = handles[0]!;
    const second = handles.at(-1)!;
    const offer = await createOffer(first, { name: 'Spring', codeSource: 'pool' });
    const pool = Array.from({ length: 12 }, (_, index) => `SPRING-${String(index).padStart(2, '0')}`);
    await addOfferCodes(first, offer.id, pool);
    const customers = Array.from({ length: 16 }, (_, index) => `c${index}`);
    const at = new Date().toISOString();
    const results = await Promise.all(
      customers.map((customerId, index) =>
        grantOfferCode(index % 2 === 0 ? first : second, { offerId: offer.id, customerId, workflowId: `run-${customerId}`, nodeId: 'grant', at }),
      ),
    );
    const codes = results.flatMap((result) => (result.status === 'granted' ? [result.code] : []));
    expect(codes).toHaveLength(pool.length);
    expect(new Set(codes).size).toBe(pool.length);
    expect(results.filter((result) => result.status === 'unavailable' && result.reason === 'pool_exhausted')).toHaveLength(customers.length - pool.length);
    // Each grant is recorded with its customer: a retried grant finds the code it got.
    for (const [index, customerId] of customers.entries()) {
      const again = await grantOfferCode(first, { offerId: offer.id, customerId, workflowId: `run-${customerId}`, nodeId: 'grant', at });
      expect(again).toEqual(results[index]);
    }
  });
});
