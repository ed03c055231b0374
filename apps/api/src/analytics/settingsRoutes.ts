import { AnalyticsSettings } from '@lifecycle/journey';
import { analyticsChannels, countPendingAnalytics, drainPendingAnalytics, isTransientDatabaseError, loadAnalyticsSettings, rebuildRetentionActivity, rebuildRetentionChurns, saveAnalyticsSettings, syncRetentionStageRoles, type Db } from '@lifecycle/db';
import { z } from 'zod';
import { HttpError } from '../errors';
import { audit } from '../services/audit';
import { route } from '../routes/route';

const tag = 'analytics';
/** How long a save counts the backlog in turns before it counts the rest in its transaction. */
const PRE_COUNT_MS = 30_000;

/**
 * Runs `count` (counting the queue); when the events cannot be counted (the applier reports the same error), refuses
 * the save with 503: saved now, they would be counted under the new settings later. Nothing is saved.
 */
async function countingOrRefusing<T>(count: () => Promise<T>): Promise<T> {
  try {
    return await count();
  } catch (error) {
    if (isTransientDatabaseError(error)) throw error;
    throw new HttpError(503, 'analytics_behind', `the analytics cannot count the events stored before this save, so nothing was saved: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Counts queued events a chunk at a time, yielding between chunks, until none is left or `budgetMs` has passed. */
async function countBacklogInTurns(db: Db, budgetMs: number): Promise<void> {
  const until = Date.now() + budgetMs;
  while (Date.now() < until && (await countPendingAnalytics(db, { limit: 200 })) > 0) await new Promise((resume) => setImmediate(resume));
}

const Channels = z.object({ channels: z.array(z.object({ channel: z.string(), customers: z.number().int() })) }).describe('acquisition channels seen (first touch), most customers first');

/** What the analytics count: activity events, customer and churn stages, revenue, channel, control group. */
export const analyticsSettingsRoutes = [
  route({ method: 'GET', path: '/api/analytics/settings', role: 'viewer', tag, summary: 'What the analytics count', ok: { status: 200, schema: AnalyticsSettings }, handler: async (c) => c.json(await loadAnalyticsSettings(c.var.deps.db)) }),
  route({
    method: 'PUT', path: '/api/analytics/settings', role: 'admin', tag, summary: 'Save what the analytics count', body: AnalyticsSettings, ok: { status: 200, schema: AnalyticsSettings },
    handler: async (c, { body }) => {
      const { db } = c.var.deps;
      // Most of a backlog is counted first, in chunks that each commit (other processes' writes and this one's requests
      // go on between them), so the transaction below holds the write lock only for what arrived meanwhile.
      await countingOrRefusing(async () => await countBacklogInTurns(db, PRE_COUNT_MS));
      await db.transaction(async () => {
        // Events stored before the save are counted under the settings they were stored under, and the rebuilds below
        // (which read the stored events and the customers already counted) see every one of them.
        await countingOrRefusing(async () => await drainPendingAnalytics(db, Number.POSITIVE_INFINITY));
        const before = await loadAnalyticsSettings(db);
        await saveAnalyticsSettings(db, body);
        // Which periods count as active changed for all history: the retention rollup is rebuilt from the stored events.
        if (before.activityEvents.join('\n') !== body.activityEvents.join('\n')) await rebuildRetentionActivity(db, body);
        else if (before.churnInactivityDays !== body.churnInactivityDays) await rebuildRetentionChurns(db, body);
        await syncRetentionStageRoles(db, body); // the customer or churn stages changed: the retention flows are rebuilt
      });
      await audit(c, 'analytics.settings.update', { type: 'analytics', id: 'default' }, {});
      return c.json(body);
    },
  }),
  route({ method: 'GET', path: '/api/analytics/channels', role: 'viewer', tag, summary: 'Acquisition channels seen (first touch), most customers first', ok: { status: 200, schema: Channels }, handler: async (c) => c.json({ channels: await analyticsChannels(c.var.deps.db) }) }),
];
