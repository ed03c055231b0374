import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { explainCustomerEventsPage } from '@lifecycle/db';
import { testApp, type TestApp } from '../testing/testApp';
import { onPostgres } from '@lifecycle/db/testing';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

type PageEvent = { id: string; name: string; timestamp: string; properties: { n: number } };

/** 260 events of one customer; every tenth shares its timestamp with the next nine, so ties must be broken by id. */
async function seedEvents(count = 260) {
  const batch = Array.from({ length: count }, (_, n) => ({
    type: 'track', userId: 'ada', event: n % 3 === 0 ? 'purchase' : 'viewed', properties: { n },
    timestamp: new Date(Date.UTC(2026, 0, 1) + Math.floor(n / 10) * 60_000).toISOString(),
  }));
  expect((await t.ingest('/v1/batch', { batch })).status).toBe(200);
}

async function pageThrough(query: string, onPage: (page: number) => Promise<void> = async () => {}): Promise<PageEvent[]> {
  const seen: PageEvent[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page += 1) {
    const response = await t.send('GET', `/api/customers/ada/events?${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(response.status).toBe(200);
    seen.push(...(response.body.events as PageEvent[]));
    await onPage(page);
    cursor = response.body.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error('the pages never ended');
}

/** The `n` of each seeded event among those seen (ingest adds internal events of its own, e.g. the stage change). */
const seededNumbers = (events: PageEvent[]) => events.flatMap((event) => (typeof event.properties.n === 'number' ? [event.properties.n] : [])).sort((a, b) => a - b);
const everyNumber = Array.from({ length: 260 }, (_, n) => n);

const newestFirst = (a: PageEvent, b: PageEvent) => (a.timestamp === b.timestamp ? (a.id < b.id ? 1 : -1) : a.timestamp < b.timestamp ? 1 : -1);

describe('GET /api/customers/:id/events', () => {
  it('pages through every event exactly once, newest first, while new events arrive', async () => {
    await seedEvents();
    const seen = await pageThrough('limit=37', async (page) => {
      // An event stored mid-way is newer than every page: it must neither shift nor repeat the older ones.
      if (page === 2) await t.ingest('/v1/track', { userId: 'ada', event: 'late', properties: { n: -1 }, timestamp: new Date().toISOString() });
    });
    expect(seededNumbers(seen)).toEqual(everyNumber);
    expect(new Set(seen.map((event) => event.id)).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort(newestFirst));
  });

  it('filters by event name and shows the newest 100 in the profile with a cursor to the rest', async () => {
    await seedEvents();
    const purchases = await pageThrough('event=purchase&limit=25');
    expect(purchases).toHaveLength(87);
    expect(purchases.every((event) => event.name === 'purchase')).toBe(true);

    const profile = await t.send('GET', '/api/customers/ada');
    expect(profile.body.events).toHaveLength(100);
    const older = await t.send('GET', `/api/customers/ada/events?cursor=${profile.body.eventsNextCursor}&limit=500`);
    expect(older.body).toMatchObject({ nextCursor: null });
    expect(seededNumbers([...profile.body.events, ...older.body.events])).toEqual(everyNumber);
  });

  it('refuses a cursor it did not give out and a limit out of bounds, naming the parameter', async () => {
    await seedEvents(3);
    for (const cursor of ['nonsense', 'WyJ4Il0', '%00', 'eyJhIjoxfQ']) {
      const response = await t.send('GET', `/api/customers/ada/events?cursor=${cursor}`);
      expect(response.status, cursor).toBe(400);
      expect(response.body.issues, cursor).toEqual([expect.objectContaining({ path: 'cursor' })]);
    }
    for (const limit of ['0', '501', 'many']) expect((await t.send('GET', `/api/customers/ada/events?limit=${limit}`)).body.issues[0].path).toBe('limit');
    expect((await t.send('GET', '/api/customers/nobody/events')).status).toBe(404);
  });

  // SQLite only: SQLite's query plan.
  it.skipIf(onPostgres())('seeks an index to the cursor instead of sorting the customer’s events', async () => {
    const plan = (await explainCustomerEventsPage(t.db, { customerId: 'ada', before: { timestamp: '2026-01-01T00:00:00.000Z', id: 'evt' }, limit: 51 })).join(' | ');
    expect(plan).toContain('events_customer_time');
    expect(plan).not.toContain('TEMP B-TREE');
  });
});
