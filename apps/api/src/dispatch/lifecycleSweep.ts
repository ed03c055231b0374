import { randomUUID } from 'node:crypto';
import { drainStageFunnel, dueRechecks, loadAnalyticsSettings, oldestPendingAnalytics, setRecheck, sweepAnalytics, takeSweepLock, type Db } from '@lifecycle/db';
import { SWEEP_LEASE_MS } from './lease';
import { promoteWinners } from '../analytics/experiments/promoteWinners';
import { applyInactivityRules, lifecycleConfig } from '../services/lifecycleStages';
import { evaluateSegmentsOf, loadSegments } from '../services/segmentMembership';

/**
 * How far behind (the oldest event not yet counted) the analytics may be for a winner to be promoted: well above
 * ANALYTICS_MAX_LAG_MS (60 s by default), past which the applier takes half of a saturated API to catch up.
 */
export const PROMOTE_MAX_LAG_MS = 300_000;

/** One holder id per process: API processes sharing a database take turns through the lock row. */
const holder = `api-${process.pid}-${randomUUID().slice(0, 8)}`;

/**
 * The time-driven part of lifecycle upkeep, run every few seconds by one process at a time:
 * customers whose segment re-check is due (a time window ended, or the worker/tracking changed
 * them — found through the `due_at` index, never a rescan) and the inactivity stage rules.
 * Returns how many customers it re-checked and moved; anything it emitted waits for the dispatcher.
 */
export async function sweepLifecycle(db: Db, now = new Date(), limit = 500): Promise<{ rechecked: number; moved: number }> {
  if (!(await takeSweepLock(db, 'lifecycle', holder, SWEEP_LEASE_MS, now))) return { rechecked: 0, moved: 0 };
  return await db.transaction(async () => {
    // A sweep that outlived its lease (a slow database, a paused process) can meet the next holder's. On SQLite the two
    // serialise on the one writer and the later finds nothing left to do; on Postgres both would read the same
    // customers as movable and move each twice (two stage changes, two `stage_entered` events), so the later waits
    // here for the earlier to commit and then reads what it left.
    await db.lockGuard('lifecycle sweep');
    const config = await lifecycleConfig(db);
    const moved = await applyInactivityRules(db, config, now, limit);
    const due = await dueRechecks(db, now.toISOString(), limit);
    const segments = due.length > 0 ? await loadSegments(db) : [];
    if (segments.length === 0) for (const customerId of due) await setRecheck(db, customerId, null);
    else await evaluateSegmentsOf(db, due, segments, now);
    const settings = await loadAnalyticsSettings(db);
    await sweepAnalytics(db, settings, now);
    // The stage order and churn stages as loaded above: nothing in this transaction changes them.
    await drainStageFunnel(db, { stages: config.stages, churnStages: settings.churnStages });
    // Entries are counted as runs start, conversions only once the applier counts their events: with a backlog older
    // than five minutes the arms' rates are behind, and a promotion cannot be undone, so it waits for the figures.
    const oldest = await oldestPendingAnalytics(db);
    if (oldest === null || now.getTime() - Date.parse(oldest) <= PROMOTE_MAX_LAG_MS) await promoteWinners(db, settings, now);
    return { rechecked: due.length, moved };
  });
}
