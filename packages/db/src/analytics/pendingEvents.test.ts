import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../client';
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

// Ingest queues events and the applier counts them later, in chunks, interleaved with whatever else happens (segment
// joins, journey runs, merges): every rollup must end as if each event had been counted the moment it was stored.

const KNOWN = Array.from({ length: 10 }, (_, i) => `user_${i}`);
const ANONYMOUS = Array.from({ length: 6 }, (_, i) => `anon:${i}`);

function expectSameRollups(actual: Db, expected: Db) {
  const want = rollupSnapshot(expected);
  const got = rollupSnapshot(actual);
  expect(want.cohort_members!.length).toBeGreaterThanOrEqual(KNOWN.length);
  expect(want.revenue_scope_days!.length).toBeGreaterThan(10);
  for (const table of Object.keys(want)) expect({ table, rows: got[table] }).toEqual({ table, rows: want[table] });
}

/** Each visitor identifies (is merged into a known customer) at some step; the first never does. */
const mergeStepOf = (history: HistoryStep[], i: number) => (i === 0 ? Infinity : Math.floor(((i + 1) / 8) * history.length));

describe('events queued at ingest and counted by the applier', () => {
  it.each([1, 2, 3])('leave every rollup as counting each event when stored would, across chunks and merges (seed %i)', (seed) => {
    const history = randomHistory(seed, [...KNOWN, ...ANONYMOUS], 600, { runs: true });
    const merges = new Map(ANONYMOUS.map((anon, i) => [anon, { into: KNOWN[i]!, step: mergeStepOf(history, i) }]));
    const queued = openDatabase(':memory:');
    const counted = openDatabase(':memory:');
    let chunks = 0;
    history.forEach((step, index) => {
      for (const [anon, merge] of merges) {
        if (merge.step !== index) continue;
        mergeCustomerRows(queued, anon, merge.into);
        mergeCustomerRows(counted, anon, merge.into);
      }
      const merge = merges.get(step.person);
      const owner = merge && index >= merge.step ? merge.into : step.person;
      applyStep(queued, step, owner, undefined, true);
      applyStep(counted, step, owner);
      // The applier runs now and then, a few events at a time: some of a visitor's events are counted before their merge, some after.
      if (index % 23 === 22) chunks += applyPendingAnalytics(queued, { limit: 9 }) > 0 ? 1 : 0;
    });
    expect(chunks).toBeGreaterThan(10);
    expect(pendingAnalytics(queued).count).toBeGreaterThan(0);
    expect(drainPendingAnalytics(queued, Number.POSITIVE_INFINITY)).toBe(true);
    expect(pendingAnalytics(queued)).toEqual({ count: 0, oldestQueuedAt: null });
    expectSameRollups(queued, counted);
  });

  it('counts a chunk whole or not at all: a chunk that fails half-way stays queued and is counted once when retried', () => {
    const history = randomHistory(7, KNOWN, 300);
    const queued = openDatabase(':memory:');
    const counted = openDatabase(':memory:');
    for (const step of history) {
      applyStep(queued, step, step.person, undefined, true);
      applyStep(counted, step, step.person);
    }
    const before = rollupSnapshot(queued);
    const waiting = pendingAnalytics(queued).count;
    // A fault in the middle of the first chunk (one rollup write refused), as a crash or a full disk would leave it.
    const victim = history.find((step, i) => i > 3 && step.kind === 'event')!.person;
    queued.$client.exec(`CREATE TEMP TRIGGER refuse BEFORE INSERT ON customer_revenue_days BEGIN SELECT RAISE(ABORT, 'disk full'); END;
      CREATE TEMP TRIGGER refuse_facts BEFORE UPDATE ON customer_facts WHEN NEW.customer_id = '${victim}' BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
    expect(() => applyPendingAnalytics(queued, { limit: 50 })).toThrow(/disk full/);
    expect(rollupSnapshot(queued)).toEqual(before);
    expect(pendingAnalytics(queued).count).toBe(waiting);
    queued.$client.exec('DROP TRIGGER temp.refuse; DROP TRIGGER temp.refuse_facts;');
    drainPendingAnalytics(queued, Number.POSITIVE_INFINITY);
    expect(hasPendingAnalytics(queued)).toBe(false);
    expectSameRollups(queued, counted);
  });

  it('drops an event forgotten while queued without counting it', () => {
    const db = openDatabase(':memory:');
    const [step] = randomHistory(3, ['ada'], 40).filter((s) => s.kind === 'event');
    applyStep(db, step!, 'ada', undefined, true);
    db.$client.prepare('DELETE FROM events WHERE id = ?').run((step as Extract<HistoryStep, { kind: 'event' }>).event.id);
    expect(applyPendingAnalytics(db)).toBe(1);
    expect(hasPendingAnalytics(db)).toBe(false);
    expect(db.$client.prepare('SELECT count(*) AS n FROM customer_facts').get()).toEqual({ n: 0 });
  });

  it('sets aside an event the hooks fail on alone and counts the rest of its chunk, instead of holding the queue back', () => {
    const db = openDatabase(':memory:');
    const insert = db.$client.prepare(
      `INSERT INTO events (id, message_id, type, name, customer_id, properties, timestamp, received_at) VALUES (?, ?, 'track', 'login', ?, ?, '2026-03-02T10:00:00Z', '2026-03-02T10:00:00Z')`,
    );
    for (const [id, customer, properties] of [['evt_1', 'ada', '{}'], ['evt_2', 'bob', '{not json'], ['evt_3', 'cyd', '{}']] as const) {
      db.$client.prepare('INSERT INTO customers (id) VALUES (?)').run(customer);
      insert.run(id, id, customer, properties);
      queueAnalyticsEvent(db, { eventId: id, customerId: customer, name: 'login', queuedAt: '2026-03-02T10:00:00Z' });
    }
    expect(() => applyPendingAnalytics(db)).toThrow(SyntaxError);
    expect(drainPendingAnalytics(db, Number.POSITIVE_INFINITY)).toBe(true);
    expect(setAsideAnalyticsCount(db)).toBe(1);
    expect(db.$client.prepare('SELECT event_id AS eventId, error FROM analytics_set_aside').get()).toEqual({ eventId: 'evt_2', error: expect.stringMatching(/^SyntaxError/) });
    expect(db.$client.prepare('SELECT customer_id FROM customer_facts ORDER BY customer_id').pluck().all()).toEqual(['ada', 'cyd']);
  });

  const poisonFixture = (events: [id: string, customer: string, properties: string][]) => {
    const db = openDatabase(':memory:');
    const insert = db.$client.prepare(
      `INSERT INTO events (id, message_id, type, name, customer_id, properties, timestamp, received_at) VALUES (?, ?, 'track', 'login', ?, ?, '2026-03-02T10:00:00Z', '2026-03-02T10:00:00Z')`,
    );
    for (const [id, customer, properties] of events) {
      db.$client.prepare('INSERT OR IGNORE INTO customers (id) VALUES (?)').run(customer);
      insert.run(id, id, customer, properties);
      queueAnalyticsEvent(db, { eventId: id, customerId: customer, name: 'login', queuedAt: '2026-03-02T10:00:00Z' });
    }
    return db;
  };

  it('sets nothing aside when every event fails (the fault is the system\'s): the queue waits and is counted once the fault is mended', () => {
    const db = poisonFixture([['evt_1', 'ada', '{}'], ['evt_2', 'bob', '{}'], ['evt_3', 'cyd', '{}']]);
    db.$client.exec(`CREATE TEMP TRIGGER broken BEFORE INSERT ON customer_facts BEGIN SELECT RAISE(ABORT, 'broken trigger'); END;`);
    expect(() => countPendingAnalytics(db)).toThrow(/broken trigger/);
    expect(setAsideAnalyticsCount(db)).toBe(0);
    expect(pendingAnalytics(db).count).toBe(3);
    db.$client.exec('DROP TRIGGER temp.broken');
    expect(countPendingAnalytics(db)).toBe(3);
    expect(db.$client.prepare('SELECT customer_id FROM customer_facts ORDER BY customer_id').pluck().all()).toEqual(['ada', 'bob', 'cyd']);
  });

  it('sets an event whose stored data cannot be read aside at once, even alone', () => {
    const db = poisonFixture([['evt_1', 'bob', '{not json']]);
    expect(countPendingAnalytics(db)).toBe(1);
    expect(db.$client.prepare('SELECT event_id AS eventId, error FROM analytics_set_aside').all()).toEqual([{ eventId: 'evt_1', error: expect.stringMatching(/^SyntaxError/) }]);
  });

  it('keeps a lone event the hooks fail on queued until another is counted beside it, then sets it aside', () => {
    const db = poisonFixture([['evt_1', 'bob', '{}']]);
    db.$client.exec(`CREATE TEMP TRIGGER bob_fails BEFORE INSERT ON customer_facts WHEN NEW.customer_id = 'bob' BEGIN SELECT RAISE(ABORT, 'bob fails'); END;`);
    expect(() => countPendingAnalytics(db)).toThrow(/bob fails/);
    expect(pendingAnalytics(db).count).toBe(1);
    db.$client.prepare('INSERT INTO customers (id) VALUES (?)').run('ada');
    db.$client.prepare(`INSERT INTO events (id, message_id, type, name, customer_id, properties, timestamp, received_at) VALUES ('evt_2', 'evt_2', 'track', 'login', 'ada', '{}', '2026-03-02T11:00:00Z', '2026-03-02T11:00:00Z')`).run();
    queueAnalyticsEvent(db, { eventId: 'evt_2', customerId: 'ada', name: 'login', queuedAt: '2026-03-02T11:00:00Z' });
    expect(countPendingAnalytics(db)).toBe(2);
    expect(pendingAnalytics(db).count).toBe(0);
    expect(setAsideAnalyticsEvents(db)).toEqual([{ eventId: 'evt_1', error: 'SqliteError: bob fails', setAsideAt: expect.any(String) }]);
    expect(db.$client.prepare('SELECT customer_id FROM customer_facts').pluck().all()).toEqual(['ada']);
    // Mended, the event goes back on the queue and is counted like a new one.
    db.$client.exec('DROP TRIGGER temp.bob_fails');
    expect(requeueSetAsideAnalytics(db)).toBe(1);
    expect(setAsideAnalyticsCount(db)).toBe(0);
    expect(countPendingAnalytics(db)).toBe(1);
    expect(db.$client.prepare('SELECT customer_id FROM customer_facts ORDER BY customer_id').pluck().all()).toEqual(['ada', 'bob']);
  });

  it('looks past a whole chunk of failing events for one that counts, and takes no proof from an event it only dropped', () => {
    // 30 of bob's events the hooks fail on, one event forgotten while queued (dropped, no hook ran), then ada's.
    const db = poisonFixture([...Array.from({ length: 30 }, (_, i) => [`evt_b${String(i).padStart(2, '0')}`, 'bob', '{}'] as [string, string, string]), ['evt_gone', 'cyd', '{}'], ['evt_ada', 'ada', '{}']]);
    db.$client.prepare(`DELETE FROM events WHERE id = 'evt_gone'`).run();
    db.$client.exec(`CREATE TEMP TRIGGER bob_fails BEFORE INSERT ON customer_facts WHEN NEW.customer_id = 'bob' BEGIN SELECT RAISE(ABORT, 'bob fails'); END;`);
    expect(countPendingAnalytics(db, { limit: 25 })).toBe(32);
    expect(setAsideAnalyticsCount(db)).toBe(30);
    expect(pendingAnalytics(db).count).toBe(0);
    // A fault every event meets: the forgotten one is no proof, nothing is set aside.
    const all = poisonFixture([['evt_1', 'ada', '{}'], ['evt_2', 'bob', '{}'], ['evt_gone', 'cyd', '{}']]);
    all.$client.prepare(`DELETE FROM events WHERE id = 'evt_gone'`).run();
    all.$client.exec(`CREATE TEMP TRIGGER broken BEFORE INSERT ON customer_facts BEGIN SELECT RAISE(ABORT, 'broken trigger'); END;`);
    expect(() => countPendingAnalytics(all)).toThrow(/broken trigger/);
    expect(setAsideAnalyticsCount(all)).toBe(0);
    expect(pendingAnalytics(all).count).toBe(2);
  });

  it('reports the backlog and its oldest event from the ends of the queue', () => {
    const db = poisonFixture([['evt_1', 'ada', '{}'], ['evt_2', 'bob', '{}']]);
    expect(pendingAnalytics(db)).toEqual({ count: 2, oldestQueuedAt: '2026-03-02T10:00:00Z' });
    expect(oldestPendingAnalytics(db)).toBe('2026-03-02T10:00:00Z');
    // Far apart positions (a long backlog): the count is their span, read without walking the rows.
    db.$client.prepare(`INSERT INTO analytics_pending (seq, event_id, queued_at) VALUES (50000, 'evt_far', '2026-03-03T10:00:00Z')`).run();
    expect(pendingAnalytics(db).count).toBe(50_000);
    countPendingAnalytics(db);
    expect(pendingAnalytics(db)).toEqual({ count: 0, oldestQueuedAt: null });
  });
});
