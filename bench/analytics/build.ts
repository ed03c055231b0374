import { insertSegment, loadAnalyticsSettings, openDatabase, saveAnalyticsSettings, saveHealthSettings, sweepAnalytics, type Db } from '@lifecycle/db';
import { HealthSettings } from '@lifecycle/journey';
import { generateCustomers } from './customers';
import { withBenchGlobalControl } from './globalControlShare';
import { createDeferredIndexes, dropDeferredIndexes } from './deferredIndexes';
import { EventSink } from './eventSink';
import { insertJourneys, type BenchJourney } from './journeys';
import { seededRandom } from '../../scripts/demoData/random';
import { generateRuns } from './runs';
import type { BenchSizes } from './sizes';
import { timePhases } from './phases';
import { settleBuiltData } from './settle';

export type BuiltData = { file: string; journeys: BenchJourney[]; segmentId: string; channel: string; events: number; customers: number; runs: number; deliveries: number; stageMoves: number; seconds: Record<string, number>; cpuSeconds: Record<string, number> };

/**
 * A health score an admin might define, with every kind of rule (one counts any activity, the costliest to keep),
 * saved before the first event so every batch scores its customers as ingest would.
 */
export const BENCH_HEALTH = HealthSettings.parse({
  rules: [
    { kind: 'activity', label: 'Active lately', weight: 40, days: 30, target: 20 },
    { kind: 'event', label: 'Bought this quarter', weight: 20, event: 'purchase', days: 90 },
    { kind: 'nps', label: 'Latest NPS', weight: 15 },
    { kind: 'email', label: 'Opens our email', weight: 10, days: 30 },
    { kind: 'trait', label: 'Pro plan', weight: 15, trait: 'plan', values: ['pro'] },
  ],
});

/** Opens (creates and migrates) the bench database; the build trades durability for speed, the API reopens it normally. */
function openForBuild(file: string): Db {
  const db = openDatabase(file);
  db.$client.pragma('synchronous = OFF');
  // No WAL while building: a commit writes its pages to the file once instead of to the WAL and again at checkpoint.
  // The API's openDatabase puts the file back in WAL mode when it opens it.
  db.$client.pragma('journal_mode = MEMORY');
  // ~3 GB of page cache: the events indexes keyed by time or message id take inserts all over a 20M-row tree.
  db.$client.pragma('cache_size = -3000000');
  db.$client.pragma('temp_store = memory');
  return db;
}

/** Two segments with raw memberships (a fifth and a tenth of the customers), so the segment filter is timed on real rows. */
function insertSegments(db: Db, customers: number, now: string): string {
  insertSegment(db, { id: 'seg_bench_pro', name: 'Pro plan', description: null, definition: { match: 'all', conditions: [{ kind: 'trait', path: 'plan', op: 'eq', value: 'pro' }] } });
  insertSegment(db, { id: 'seg_bench_active', name: 'Logged in this week', description: null, definition: { match: 'all', conditions: [{ kind: 'event', event: 'login', op: 'happened', within: { amount: 7, unit: 'days' } }] } });
  const member = db.$client.prepare('INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES (?, ?, ?)');
  db.$client.transaction(() => {
    for (let i = 1; i <= customers; i++) {
      const id = `c${String(i).padStart(7, '0')}`;
      if (i % 5 === 0) member.run('seg_bench_pro', id, now);
      if (i % 10 === 3) member.run('seg_bench_active', id, now);
    }
  })();
  return 'seg_bench_pro';
}

/**
 * Builds the data set in `file`: customers with their events and stage moves, journeys with runs, steps,
 * deliveries, opens and clicks. Every event passes through the analytics hook as ingest passes it, so every
 * slice's rollups are filled whatever they hold; then the periodic sweep runs once.
 */
export function buildAnalyticsData(file: string, sizes: BenchSizes, seed = 11): BuiltData {
  const db = openForBuild(file);
  const now = Date.now();
  const settings = { ...loadAnalyticsSettings(db), activityEvents: ['login', 'feature_used', 'purchase', 'page'] };
  settings.revenue = { ...settings.revenue, events: ['purchase'], rates: { EUR: 1.08, GBP: 1.27 } };
  saveAnalyticsSettings(db, withBenchGlobalControl(settings));
  saveHealthSettings(db, BENCH_HEALTH);
  // A save asks the sweep to rescore everyone; with no customer yet that finishes at once, as on a fresh install.
  db.$client.transaction(() => sweepAnalytics(db, settings, new Date()))();
  const random = seededRandom(seed);
  const segmentId = insertSegments(db, sizes.customers, new Date(now).toISOString());
  const journeys = insertJourneys(db, sizes.journeys);

  const deferred = dropDeferredIndexes(db);
  const sink = new EventSink(db, settings);
  // Opens and clicks come to about 0.48 events per delivery; the customers' own events make up the rest.
  const perCustomer = Math.max(3, (sizes.events - 0.48 * sizes.deliveries) / sizes.customers);
  const phases = timePhases();
  phases.run('customers', () => {
    generateCustomers(db, sink, random, { count: sizes.customers, perCustomer, days: sizes.days, now });
    sink.commit();
  });
  const made = phases.run('runs', () => {
    const runs = generateRuns(db, sink, random, { deliveries: sizes.deliveries, customers: sizes.customers, journeys, days: sizes.days, now });
    sink.close();
    return runs;
  });
  phases.run('sweep', () => db.$client.transaction(() => sweepAnalytics(db, settings, new Date()))());
  phases.run('indexes', () => createDeferredIndexes(db, deferred));
  phases.run('settle', () => settleBuiltData(db));
  phases.run('analyze', () => {
    db.$client.exec('ANALYZE');
    db.$client.pragma('journal_mode = WAL');
  });
  const { seconds, cpuSeconds } = phases;
  db.$client.close();
  return { file, journeys, segmentId, channel: 'google', events: sink.written, customers: sizes.customers, runs: made.runs, deliveries: made.deliveries, stageMoves: sink.stageMoves, seconds, cpuSeconds };
}

/** What a build made, for a file kept from an earlier run (the ids are fixed; the counts are not re-read). */
export function builtEarlier(file: string, sizes: BenchSizes): BuiltData {
  const journeys = Array.from({ length: sizes.journeys }, (_, j) => ({ id: `jrn_bench_${String(j + 1).padStart(2, '0')}`, versionId: `jrn_bench_${String(j + 1).padStart(2, '0')}_v1` }));
  return { file, journeys, segmentId: 'seg_bench_pro', channel: 'google', events: sizes.events, customers: sizes.customers, runs: 0, deliveries: sizes.deliveries, stageMoves: 0, seconds: {}, cpuSeconds: {} };
}
