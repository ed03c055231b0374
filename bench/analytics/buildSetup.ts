import { insertSegment, loadAnalyticsSettings, pauseRollupTriggers, saveAnalyticsSettings, saveHealthSettings, sweepAnalytics, type Db } from '@lifecycle/db';
import { HealthSettings, type AnalyticsSettings } from '@lifecycle/journey';
import { dropDeferredIndexes } from './deferredIndexes';
import { withBenchGlobalControl } from './globalControlShare';
import { insertJourneys } from './journeys';
import { writeProgress } from './buildProgress';

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

/** The settings the build runs under (what the setup saved). */
export async function benchSettings(db: Db): Promise<AnalyticsSettings> {
  return await loadAnalyticsSettings(db);
}

/** Two segments with raw memberships (a fifth and a tenth of the customers), so the segment filter is timed on real rows. */
async function insertSegments(db: Db, customers: number, now: string): Promise<void> {
  await insertSegment(db, { id: 'seg_bench_pro', name: 'Pro plan', description: null, definition: { match: 'all', conditions: [{ kind: 'trait', path: 'plan', op: 'eq', value: 'pro' }] } });
  await insertSegment(db, { id: 'seg_bench_active', name: 'Logged in this week', description: null, definition: { match: 'all', conditions: [{ kind: 'event', event: 'login', op: 'happened', within: { amount: 7, unit: 'days' } }] } });
  const member = db.prepare('INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES (?, ?, ?)');
  await db.transaction(async () => {
    for (let i = 1; i <= customers; i++) {
      const id = `c${String(i).padStart(7, '0')}`;
      if (i % 5 === 0) await member.run('seg_bench_pro', id, now);
      if (i % 10 === 3) await member.run('seg_bench_active', id, now);
    }
  });
}

/**
 * Everything before the first customer: settings (activity events, revenue with rates, a 10% global control group,
 * the health score), segments, journeys; the deferred indexes dropped (their SQL kept in the file) and the trigger-kept
 * rollup families paused (build.ts refills them from the stored rows at the end). Not resumable on its own: a file
 * killed during setup has no `config` and is built again from scratch.
 */
export async function setUpBuild(db: Db, options: { seed: number; customers: number; journeys: number; now: number; pauseRollups: boolean }): Promise<void> {
  const settings = { ...(await loadAnalyticsSettings(db)), activityEvents: ['login', 'feature_used', 'purchase', 'page'] };
  settings.revenue = { ...settings.revenue, events: ['purchase'], rates: { EUR: 1.08, GBP: 1.27 } };
  await saveAnalyticsSettings(db, withBenchGlobalControl(settings));
  await saveHealthSettings(db, BENCH_HEALTH);
  // A fixed salt: the same seed holds out the same customers, so a resumed build equals an uninterrupted one.
  await db.prepare('UPDATE global_control_state SET salt = ? WHERE id = 1').run(`bench-${options.seed}`);
  // A save asks the sweep to rescore everyone; with no customer yet that finishes at once, as on a fresh install.
  await db.transaction(async () => await sweepAnalytics(db, settings, new Date(options.now)));
  await insertSegments(db, options.customers, new Date(options.now).toISOString());
  await insertJourneys(db, options.journeys);
  await db.transaction(async () => {
    await writeProgress(db, 'deferred', await dropDeferredIndexes(db));
    if (options.pauseRollups) await pauseRollupTriggers(db);
  });
}
