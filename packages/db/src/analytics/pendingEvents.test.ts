import { describe, expect, it } from 'vitest';
import { type Db } from '../client';
import { mergeCustomerRows } from '../queries/customerProfile';
import { applyStep, randomHistory, rollupSnapshot, type HistoryStep } from '../testing/analyticsHistory';
import {
  applyPendingAnalytics,
  countPendingAnalytics,
  drainPendingAnalytics,
  hasPendingAnalytics,
  oldestPendingAnalytics,
  pendingAnalytics,
  queueAnalyticsEvent,
  requeueSetAsideAnalytics,
  setAsideAnalyticsCount,
  setAsideAnalyticsEvents,
} from './pendingEvents';
import { openTestDatabase, onPostgres } from '../testing/testDatabase';

// Ingest queues events and the applier counts them later, in chunks, interleaved with whatever else happens (segment
// joins, journey runs, merges): every rollup must end as if each event had been counted the moment it was stored.

const KNOWN = Array.from({ length: 10 }, (_, i) => `user_${i}`);
const ANONYMOUS = Array.from({ length: 6 }, (_, i) => `anon:${i}`);

async function expectSameRollups(actual: Db, expected: Db) {
  const want = await rollupSnapshot(expected);
  const got = await rollupSnapshot(actual);
  expect(want.cohort_members!.length).toBeGreaterThanOrEqual(KNOWN.length);
  expect(want.revenue_scope_days!.length).toBeGreaterThan(10);
  for (const table of Object.keys(want)) expect({ table, rows: got[table] }).toEqual({ table, rows: want[table] });
}

/** Each visitor identifies (is merged into a known customer) at some step; the first never does. */
const mergeStepOf = (history: HistoryStep[], i: number) => (i === 0 ? Infinity : Math.floor(((i + 1) / 8) * history.length));

describe('events queued at ingest and counted by the applier', () => {
  // A long timeout: hundreds of steps stored into two databases take a minute or more on a busy Postgres server.
  it.each([1, 2, 3])('leave every rollup as counting each event when stored would, across chunks and merges (seed %i)', async (seed) => {
    const history = randomHistory(seed, [...KNOWN, ...ANONYMOUS], 600, { runs: true });
    const merges = new Map(ANONYMOUS.map((anon, i) => [anon, { into: KNOWN[i]!, step: mergeStepOf(history, i) }]));
    const queued = openTestDatabase(':memory:');
    const counted = openTestDatabase(':memory:');
    let chunks = 0;
    for (const [index, step] of history.entries()) {
      for (const [anon, merge] of merges) {
        if (merge.step !== index) continue;
        await mergeCustomerRows(queued, anon, merge.into);
        await mergeCustomerRows(counted, anon, merge.into);
      }
      const merge = merges.get(step.person);
      const owner = merge && index >= merge.step ? merge.into : step.person;
      await applyStep(queued, step, owner, undefined, true);
      await applyStep(counted, step, owner);
      // The applier runs now and then, a few events at a time: some of a visitor's events are counted before their merge, some after.
      if (index % 23 === 22) chunks += (await applyPendingAnalytics(queued, { limit: 9 })) > 0 ? 1 : 0;
    }
    expect(chunks).toBeGreaterThan(10);
    expect((await pendingAnalytics(queued)).count).toBeGreaterThan(0);
    expect(await drainPendingAnalytics(queued, Number.POSITIVE_INFINITY)).toBe(true);
    expect(await pendingAnalytics(queued)).toEqual({ count: 0, oldestQueuedAt: null });
    await expectSameRollups(queued, counted);
  }, 300_000);

  // SQLite only: fault injected with a SQLite temp trigger.
  it.skipIf(onPostgres())('counts a chunk whole or not at all: a chunk that fails half-way stays queued and is counted once when retried', async () => {
    const history = randomHistory(7, KNOWN, 300);
    const queued = openTestDatabase(':memory:');
    const counted = openTestDatabase(':memory:');
    for (const step of history) {
      await applyStep(queued, step, step.person, undefined, true);
      await applyStep(counted, step, step.person);
    }
    const before = await rollupSnapshot(queued);
    const waiting = (await pendingAnalytics(queued)).count;
    // A fault in the middle of the first chunk (one rollup write refused), as a crash or a full disk would leave it.
    const victim = history.find((step, i) => i > 3 && step.kind === 'event')!.person;
    await queued.exec(`CREATE TEMP TRIGGER refuse BEFORE INSERT ON customer_revenue_days BEGIN SELECT RAISE(ABORT, 'disk full'); END;
      CREATE TEMP TRIGGER refuse_facts BEFORE UPDATE ON customer_facts WHEN NEW.customer_id = '${victim}' BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
    await expect(applyPendingAnalytics(queued, { limit: 50 })).rejects.toThrow(/disk full/);
    expect(await rollupSnapshot(queued)).toEqual(before);
    expect((await pendingAnalytics(queued)).count).toBe(waiting);
    await queued.exec('DROP TRIGGER temp.refuse; DROP TRIGGER temp.refuse_facts;');
    await drainPendingAnalytics(queued, Number.POSITIVE_INFINITY);
    expect(await hasPendingAnalytics(queued)).toBe(false);
    await expectSameRollups(queued, counted);
  });

  it('drops an event forgotten while queued without counting it', async () => {
    const db = openTestDatabase(':memory:');
    const [step] = randomHistory(3, ['ada'], 40).filter((s) => s.kind === 'event');
    await applyStep(db, step!, 'ada', undefined, true);
    await db.prepare('DELETE FROM events WHERE id = ?').run((step as Extract<HistoryStep, { kind: 'event' }>).event.id);
    expect(await applyPendingAnalytics(db)).toBe(1);
    expect(await hasPendingAnalytics(db)).toBe(false);
    expect(await db.prepare('SELECT count(*) AS n FROM customer_facts').get()).toEqual({ n: 0 });
  });

  // SQLite only: a row Postgres's jsonb cannot hold.
  it.skipIf(onPostgres())('sets aside an event the hooks fail on alone and counts the rest of its chunk, instead of holding the queue back', async () => {
    const db = openTestDatabase(':memory:');
    const insert = db.prepare(
      `INSERT INTO events (id, message_id, type, name, customer_id, properties, timestamp, received_at) VALUES (?, ?, 'track', 'login', ?, ?, '2026-03-02T10:00:00Z', '2026-03-02T10:00:00Z')`,
    );
    for (const [id, customer, properties] of [['evt_1', 'ada', '{}'], ['evt_2', 'bob', '{not json'], ['evt_3', 'cyd', '{}']] as const) {
      await db.prepare('INSERT INTO customers (id) VALUES (?)').run(customer);
      await insert.run(id, id, customer, properties);
      await queueAnalyticsEvent(db, { eventId: id, customerId: customer, name: 'login', queuedAt: '2026-03-02T10:00:00Z' });
    }
    await expect(applyPendingAnalytics(db)).rejects.toThrow(SyntaxError);
    expect(await drainPendingAnalytics(db, Number.POSITIVE_INFINITY)).toBe(true);
    expect(await setAsideAnalyticsCount(db)).toBe(1);
    expect(await db.prepare('SELECT event_id AS eventId, error FROM analytics_set_aside').get()).toEqual({ eventId: 'evt_2', error: expect.stringMatching(/^SyntaxError/) });
    expect(await db.prepare('SELECT customer_id FROM customer_facts ORDER BY customer_id').pluck().all()).toEqual(['ada', 'cyd']);
  });

  const poisonFixture = async (events: [id: string, customer: string, properties: string][]) => {
    const db = openTestDatabase(':memory:');
    const insert = db.prepare(
      `INSERT INTO events (id, message_id, type, name, customer_id, properties, timestamp, received_at) VALUES (?, ?, 'track', 'login', ?, ?, '2026-03-02T10:00:00Z', '2026-03-02T10:00:00Z')`,
    );
    for (const [id, customer, properties] of events) {
      await db.prepare('INSERT INTO customers (id) VALUES (?) ON CONFLICT DO NOTHING').run(customer);
      await insert.run(id, id, customer, properties);
      await queueAnalyticsEvent(db, { eventId: id, customerId: customer, name: 'login', queuedAt: '2026-03-02T10:00:00Z' });
    }
    return db;
  };

  // SQLite only: fault injected with a SQLite temp trigger.
  it.skipIf(onPostgres())('sets nothing aside when every event fails (the fault is the system\'s): the queue waits and is counted once the fault is mended', async () => {
    const db = await poisonFixture([['evt_1', 'ada', '{}'], ['evt_2', 'bob', '{}'], ['evt_3', 'cyd', '{}']]);
    await db.exec(`CREATE TEMP TRIGGER broken BEFORE INSERT ON customer_facts BEGIN SELECT RAISE(ABORT, 'broken trigger'); END;`);
    await expect(countPendingAnalytics(db)).rejects.toThrow(/broken trigger/);
    expect(await setAsideAnalyticsCount(db)).toBe(0);
    expect((await pendingAnalytics(db)).count).toBe(3);
    await db.exec('DROP TRIGGER temp.broken');
    expect(await countPendingAnalytics(db)).toBe(3);
    expect(await db.prepare('SELECT customer_id FROM customer_facts ORDER BY customer_id').pluck().all()).toEqual(['ada', 'bob', 'cyd']);
  });

  // SQLite only: a row Postgres's jsonb cannot hold.
  it.skipIf(onPostgres())('sets an event whose stored data cannot be read aside at once, even alone', async () => {
    const db = await poisonFixture([['evt_1', 'bob', '{not json']]);
    expect(await countPendingAnalytics(db)).toBe(1);
    expect(await db.prepare('SELECT event_id AS eventId, error FROM analytics_set_aside').all()).toEqual([{ eventId: 'evt_1', error: expect.stringMatching(/^SyntaxError/) }]);
  });

  // SQLite only: fault injected with a SQLite temp trigger.
  it.skipIf(onPostgres())('keeps a lone event the hooks fail on queued until another is counted beside it, then sets it aside', async () => {
    const db = await poisonFixture([['evt_1', 'bob', '{}']]);
    await db.exec(`CREATE TEMP TRIGGER bob_fails BEFORE INSERT ON customer_facts WHEN NEW.customer_id = 'bob' BEGIN SELECT RAISE(ABORT, 'bob fails'); END;`);
    await expect(countPendingAnalytics(db)).rejects.toThrow(/bob fails/);
    expect((await pendingAnalytics(db)).count).toBe(1);
    await db.prepare('INSERT INTO customers (id) VALUES (?)').run('ada');
    await db.prepare(`INSERT INTO events (id, message_id, type, name, customer_id, properties, timestamp, received_at) VALUES ('evt_2', 'evt_2', 'track', 'login', 'ada', '{}', '2026-03-02T11:00:00Z', '2026-03-02T11:00:00Z')`).run();
    await queueAnalyticsEvent(db, { eventId: 'evt_2', customerId: 'ada', name: 'login', queuedAt: '2026-03-02T11:00:00Z' });
    expect(await countPendingAnalytics(db)).toBe(2);
    expect((await pendingAnalytics(db)).count).toBe(0);
    expect(await setAsideAnalyticsEvents(db)).toEqual([{ eventId: 'evt_1', error: 'SqliteError: bob fails', setAsideAt: expect.any(String) }]);
    expect(await db.prepare('SELECT customer_id FROM customer_facts').pluck().all()).toEqual(['ada']);
    // Mended, the event goes back on the queue and is counted like a new one.
    await db.exec('DROP TRIGGER temp.bob_fails');
    expect(await requeueSetAsideAnalytics(db)).toBe(1);
    expect(await setAsideAnalyticsCount(db)).toBe(0);
    expect(await countPendingAnalytics(db)).toBe(1);
    expect(await db.prepare('SELECT customer_id FROM customer_facts ORDER BY customer_id').pluck().all()).toEqual(['ada', 'bob']);
  });

  // SQLite only: fault injected with a SQLite temp trigger.
  it.skipIf(onPostgres())('looks past a whole chunk of failing events for one that counts, and takes no proof from an event it only dropped', async () => {
    // 30 of bob's events the hooks fail on, one event forgotten while queued (dropped, no hook ran), then ada's.
    const db = await poisonFixture([...Array.from({ length: 30 }, (_, i) => [`evt_b${String(i).padStart(2, '0')}`, 'bob', '{}'] as [string, string, string]), ['evt_gone', 'cyd', '{}'], ['evt_ada', 'ada', '{}']]);
    await db.prepare(`DELETE FROM events WHERE id = 'evt_gone'`).run();
    await db.exec(`CREATE TEMP TRIGGER bob_fails BEFORE INSERT ON customer_facts WHEN NEW.customer_id = 'bob' BEGIN SELECT RAISE(ABORT, 'bob fails'); END;`);
    expect(await countPendingAnalytics(db, { limit: 25 })).toBe(32);
    expect(await setAsideAnalyticsCount(db)).toBe(30);
    expect((await pendingAnalytics(db)).count).toBe(0);
    // A fault every event meets: the forgotten one is no proof, nothing is set aside.
    const all = await poisonFixture([['evt_1', 'ada', '{}'], ['evt_2', 'bob', '{}'], ['evt_gone', 'cyd', '{}']]);
    await all.prepare(`DELETE FROM events WHERE id = 'evt_gone'`).run();
    await all.exec(`CREATE TEMP TRIGGER broken BEFORE INSERT ON customer_facts BEGIN SELECT RAISE(ABORT, 'broken trigger'); END;`);
    await expect(countPendingAnalytics(all)).rejects.toThrow(/broken trigger/);
    expect(await setAsideAnalyticsCount(all)).toBe(0);
    expect((await pendingAnalytics(all)).count).toBe(2);
  });

  it('reports the backlog and its oldest event from the ends of the queue', async () => {
    const db = await poisonFixture([['evt_1', 'ada', '{}'], ['evt_2', 'bob', '{}']]);
    expect(await pendingAnalytics(db)).toEqual({ count: 2, oldestQueuedAt: '2026-03-02T10:00:00Z' });
    expect(await oldestPendingAnalytics(db)).toBe('2026-03-02T10:00:00Z');
    // Far apart positions (a long backlog): the count is their span, read without walking the rows.
    await db.prepare(`INSERT INTO analytics_pending (seq, event_id, queued_at) VALUES (50000, 'evt_far', '2026-03-03T10:00:00Z')`).run();
    expect((await pendingAnalytics(db)).count).toBe(50_000);
    await countPendingAnalytics(db);
    expect(await pendingAnalytics(db)).toEqual({ count: 0, oldestQueuedAt: null });
  });
});
