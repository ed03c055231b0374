import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadAnalyticsSettings, pendingAnalytics, queueAnalyticsEvent, setAsideAnalyticsCount, storeEntryDueEvent } from '@lifecycle/db';
import { sweepLifecycle } from '../../dispatch/lifecycleSweep';
import { testApp, type TestApp } from '../../testing/testApp';
import { startAnalyticsApplier } from './analyticsApplier';
import { RETENTION_HISTORY, RETENTION_STAGES } from '../retention/retentionFixture';
import { openTestDatabase, onPostgres } from '@lifecycle/db/testing';

// Ingest stores and queues; the figures count the events after the commit (the background applier, or a read that
// finds them queued). What a user sees: the answer to /v1/batch does not wait for analytics, and every figure read
// after it counts what was accepted.

let t: TestApp;
afterEach(async () => {
  await t.close();
});

const HALF_YEAR = 'from=2026-01-01&to=2026-06-30&interval=month';
const purchases = (customers: number, perCustomer: number) =>
  Array.from({ length: customers }, (_, c) => [
    { type: 'identify', userId: `c${c}`, traits: { utm_source: c % 2 === 0 ? 'google' : 'newsletter' }, timestamp: '2026-01-05T10:00:00Z' },
    ...Array.from({ length: perCustomer }, (_, p) => ({ type: 'track', userId: `c${c}`, event: 'purchase', properties: { revenue: 10 }, timestamp: `2026-0${1 + (p % 6)}-10T10:00:00Z` })),
  ]).flat();
const facts = async () => ((await t.db.prepare('SELECT count(*) AS n FROM customer_facts').get()) as { n: number }).n;

describe('analytics counted after ingest', () => {
  it('leaves the events queued when ingest answers, shows them waiting on the dashboard, and counts them in the first figure read', async () => {
    t = testApp();
    expect((await t.ingest('/v1/batch', { batch: purchases(4, 3) })).status).toBe(200);
    expect((await pendingAnalytics(t.db)).count).toBe(16);
    expect(await facts()).toBe(0);
    // A request without credentials is refused before anything is counted.
    expect((await t.sendAs('GET', `/api/analytics/value/revenue?${HALF_YEAR}`)).status).toBe(401);
    expect((await pendingAnalytics(t.db)).count).toBe(16);
    const waiting = await t.send('GET', '/api/dashboard');
    expect(waiting.body.analytics).toEqual({ pending: 16, oldestQueuedAt: expect.any(String) });

    const revenue = await t.send('GET', `/api/analytics/value/revenue?${HALF_YEAR}`);
    expect(revenue.headers.get('x-analytics-pending')).toBeNull();
    expect(revenue.body.totals).toMatchObject({ revenue: 120, orders: 12, payingCustomers: 4 });
    expect((await t.send('GET', '/api/analytics/channels')).body.channels).toEqual(
      expect.arrayContaining([expect.objectContaining({ channel: 'google', customers: 2 }), expect.objectContaining({ channel: 'newsletter', customers: 2 })]),
    );
    expect((await t.send('GET', '/api/dashboard')).body.analytics).toEqual({ pending: 0, oldestQueuedAt: null });
    const metrics = await t.send('GET', '/metrics');
    expect(metrics.text).toContain('lifecycle_analytics_pending_events 0');
  });

  it('answers a read at once from the figures as they are when more is queued than its budget covers, and says how much', async () => {
    t = testApp({ analyticsReadApplyMs: 0 });
    await t.ingest('/v1/batch', { batch: purchases(20, 14) });
    const answer = await t.send('GET', `/api/analytics/value/revenue?${HALF_YEAR}`);
    expect(answer.status).toBe(200);
    const left = Number(answer.headers.get('x-analytics-pending'));
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(300); // one chunk was counted before the budget ran out
    expect(answer.body.totals.orders).toBeLessThan(280);
    await t.countAnalytics();
    expect((await t.send('GET', `/api/analytics/value/revenue?${HALF_YEAR}`)).body.totals).toMatchObject({ revenue: 2800, orders: 280 });
  });

  it('are counted by the background applier with no read at all, held to its share while ingest goes on and at full speed after', async () => {
    t = testApp();
    const applier = startAnalyticsApplier({ db: t.db, busyShare: 0.05, tickMs: 10 });
    try {
      expect(applier.busy()).toBe(false);
      await t.ingest('/v1/batch', { batch: purchases(10, 5) });
      expect(applier.busy()).toBe(true);
      await vi.waitFor(() => expect(applier.busy()).toBe(false), { timeout: 10_000, interval: 50 });
      await vi.waitFor(async () => expect((await pendingAnalytics(t.db)).count).toBe(0), { timeout: 30_000, interval: 50 });
      expect(applier.applied()).toBe(60);
      expect(await facts()).toBe(10);
    } finally {
      await applier.stop();
    }
  });

  it('holds back while another API process sharing the database ingests', async () => {
    t = testApp();
    const applier = startAnalyticsApplier({ db: t.db, busyShare: 0.05, tickMs: 10 });
    await pendingAnalytics(t.db); // the database is there before a second handle opens it (a Postgres stand-in is made on first use)
    const other = openTestDatabase(t.config.databasePath);
    try {
      expect(applier.busy()).toBe(false);
      // The other process goes on ingesting: one event alone may be queued and counted between two of the applier's
      // looks at the queue (likelier the slower each query is), and then nothing says it was there.
      let stored = 0;
      await vi.waitFor(
        async () => {
          await queueAnalyticsEvent(other, { eventId: `evt_stored_by_the_other_process_${stored++}`, customerId: 'ada', name: null, queuedAt: new Date().toISOString() });
          expect(applier.busy()).toBe(true);
        },
        { timeout: 10_000, interval: 5 },
      );
    } finally {
      await applier.stop();
      await other.close();
    }
  });

  it('counts what is queued before a settings change rebuilds the retention figures from the stored events', async () => {
    const cohortsAfterSave = async (countFirst: boolean) => {
      t = testApp();
      await t.send('PUT', '/api/lifecycle/stages', RETENTION_STAGES);
      await t.ingest('/v1/batch', { batch: RETENTION_HISTORY });
      if (countFirst) await t.countAnalytics();
      const settings = await loadAnalyticsSettings(t.db); // not through GET /api/analytics/settings, which would count the queue first
      expect((await t.send('PUT', '/api/analytics/settings', { ...settings, activityEvents: ['login'] })).status).toBe(200);
      const cohorts = (await t.send('GET', `/api/analytics/retention/cohorts?${HALF_YEAR}`)).body;
      await t.close();
      return cohorts;
    };
    const counted = await cohortsAfterSave(true);
    expect(counted.cohorts.length).toBeGreaterThan(0);
    expect(await cohortsAfterSave(false)).toEqual(counted);
    t = testApp(); // for afterEach
  });

  // SQLite only: fault injected with a SQLite temp trigger.
  it.skipIf(onPostgres())('refuses a settings save with 503 and saves nothing when the events stored before it cannot be counted', async () => {
    t = testApp();
    await t.ingest('/v1/batch', { batch: purchases(2, 1) });
    const settings = await loadAnalyticsSettings(t.db);
    await t.db.exec(`CREATE TEMP TRIGGER broken BEFORE INSERT ON customer_facts BEGIN SELECT RAISE(ABORT, 'broken trigger'); END;`);
    const refused = await t.send('PUT', '/api/analytics/settings', { ...settings, activityEvents: ['login'] });
    expect(refused.status).toBe(503);
    expect(refused.body.message).toContain('nothing was saved');
    expect((await loadAnalyticsSettings(t.db)).activityEvents).toEqual(settings.activityEvents);
    expect((await pendingAnalytics(t.db)).count).toBe(4);
    await t.db.exec('DROP TRIGGER temp.broken');
    expect((await t.send('PUT', '/api/analytics/settings', { ...settings, activityEvents: ['login'] })).status).toBe(200);
    expect((await pendingAnalytics(t.db)).count).toBe(0);
  });

  // SQLite only: a row Postgres's jsonb cannot hold.
  it.skipIf(onPostgres())('merges a visitor one of whose events was set aside: the identify is stored, the event stays uncounted', async () => {
    t = testApp();
    await t.ingest('/v1/batch', {
      batch: [
        { type: 'track', anonymousId: 'v2', event: 'purchase', properties: { revenue: 5 }, messageId: 'bad', timestamp: '2026-02-01T10:00:00Z' },
        { type: 'track', anonymousId: 'v2', event: 'purchase', properties: { revenue: 7 }, timestamp: '2026-02-02T10:00:00Z' },
      ],
    });
    // An event the hooks cannot read (stored by an older version, say): counting sets it aside.
    await t.db.prepare(`UPDATE events SET properties = '{not json' WHERE message_id = 'bad'`).run();
    await t.countAnalytics();
    expect(await setAsideAnalyticsCount(t.db)).toBe(1);
    const merged = await t.ingest('/v1/batch', { batch: [{ type: 'identify', userId: 'u2', anonymousId: 'v2', traits: {}, timestamp: '2026-02-03T10:00:00Z' }] });
    expect(merged.status).toBe(200);
    const value = await t.send('GET', '/api/customers/u2/value');
    expect(value.body).toMatchObject({ revenue: 7, orders: 1 });
  });

  // SQLite only: a row Postgres's jsonb cannot hold.
  it.skipIf(onPostgres())('merges a visitor whose counted event the hooks now fail on: the identify is stored, that event is set aside, listed, and counted once requeued', async () => {
    t = testApp();
    await t.ingest('/v1/batch', {
      batch: [
        { type: 'track', anonymousId: 'v4', event: 'purchase', properties: { revenue: 5 }, messageId: 'later-bad', timestamp: '2026-02-01T10:00:00Z' },
        { type: 'track', anonymousId: 'v4', event: 'purchase', properties: { revenue: 7 }, timestamp: '2026-02-02T10:00:00Z' },
      ],
    });
    await t.countAnalytics();
    await t.db.prepare(`UPDATE events SET properties = '{not json' WHERE message_id = 'later-bad'`).run();
    const merged = await t.ingest('/v1/batch', { batch: [{ type: 'identify', userId: 'u4', anonymousId: 'v4', traits: {}, timestamp: '2026-02-03T10:00:00Z' }] });
    expect(merged.status).toBe(200);
    expect((await t.send('GET', '/api/customers/u4/value')).body).toMatchObject({ revenue: 7, orders: 1 });
    const listed = await t.send('GET', '/api/analytics/set-aside');
    expect(listed.body).toEqual({ total: 1, events: [{ eventId: expect.any(String), error: expect.stringMatching(/^SyntaxError/), setAsideAt: expect.any(String) }] });
    // Mended (the stored properties readable again), the event is queued again by an admin and counted under u4.
    await t.db.prepare(`UPDATE events SET properties = '{"revenue":5}' WHERE message_id = 'later-bad'`).run();
    expect((await t.send('POST', '/api/analytics/set-aside/requeue')).body).toEqual({ requeued: 1 });
    expect((await t.send('GET', '/api/customers/u4/value')).body).toMatchObject({ revenue: 12, orders: 2 });
    expect((await t.send('GET', '/api/analytics/set-aside')).body).toEqual({ total: 0, events: [] });
  });

  it('rescores the customer a visitor merged into, even with other events queued ahead of the identify', async () => {
    t = testApp();
    expect((await t.send('PUT', '/api/analytics/health/settings', { rules: [{ kind: 'activity', weight: 100, events: ['login'], days: 14, target: 4 }], bands: { healthyFrom: 70, atRiskFrom: 40 } })).status).toBe(200);
    const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    await t.ingest('/v1/batch', { batch: [{ type: 'identify', userId: 'u1', traits: {}, timestamp: ago(5) }, ...[1, 2, 3, 4].map((d) => ({ type: 'track', anonymousId: 'v1', event: 'login', timestamp: ago(d) }))] });
    await t.countAnalytics();
    await sweepLifecycle(t.db); // the rescore of everyone a settings save asks for, done
    expect((await t.send('GET', '/api/customers/u1/health')).body.current).toMatchObject({ score: 0, band: 'critical' });
    // More than a chunk (200) of other customers' events wait ahead of the identify that merges the visitor into u1.
    await t.ingest('/v1/batch', { batch: purchases(40, 5) });
    await t.ingest('/v1/batch', { batch: [{ type: 'identify', userId: 'u1', anonymousId: 'v1', traits: {}, timestamp: ago(0) }] });
    await t.countAnalytics();
    await sweepLifecycle(t.db);
    expect((await t.send('GET', '/api/customers/u1/health')).body.current).toMatchObject({ score: 100, band: 'healthy' });
  });

  it('replays at a merge only the events that were counted: a scheduled entry the platform wrote moves no first-seen date', async () => {
    t = testApp();
    await t.ingest('/v1/batch', { batch: [{ type: 'track', anonymousId: 'v3', event: 'login', timestamp: '2026-02-10T10:00:00Z' }] });
    // A date-trait entry stored for the visitor by the platform itself (never counted), dated before anything they did.
    await storeEntryDueEvent(t.db, { name: 'journey_entry_due', journeyId: 'j1', customerId: 'anon:v3', occurrence: '2026-01-01', reason: 'date trait', at: new Date('2026-01-01T00:00:00Z') });
    await t.countAnalytics();
    await t.ingest('/v1/batch', { batch: [{ type: 'identify', userId: 'u3', anonymousId: 'v3', traits: {}, timestamp: '2026-03-01T10:00:00Z' }] });
    await t.countAnalytics();
    expect(await t.db.prepare(`SELECT first_seen_at FROM customer_facts WHERE customer_id = 'u3'`).pluck().get()).toBe('2026-02-10T10:00:00.000Z');
  });
});
