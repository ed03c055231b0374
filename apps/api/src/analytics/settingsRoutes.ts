import { AnalyticsSettings } from '@lifecycle/journey';
import { analyticsChannels, drainPendingAnalytics, loadAnalyticsSettings, rebuildRetentionActivity, rebuildRetentionChurns, saveAnalyticsSettings, syncRetentionStageRoles, writeTransaction } from '@lifecycle/db';
import { z } from 'zod';
import { audit } from '../services/audit';
import { route } from '../routes/route';

const tag = 'analytics';

const Channels = z.object({ channels: z.array(z.object({ channel: z.string(), customers: z.number().int() })) }).describe('acquisition channels seen (first touch), most customers first');

/** What the analytics count: activity events, customer and churn stages, revenue, channel, control group. */
export const analyticsSettingsRoutes = [
  route({ method: 'GET', path: '/api/analytics/settings', role: 'viewer', tag, summary: 'What the analytics count', ok: { status: 200, schema: AnalyticsSettings }, handler: (c) => c.json(loadAnalyticsSettings(c.var.deps.db)) }),
  route({
    method: 'PUT', path: '/api/analytics/settings', role: 'admin', tag, summary: 'Save what the analytics count', body: AnalyticsSettings, ok: { status: 200, schema: AnalyticsSettings },
    handler: (c, { body }) => {
      const { db } = c.var.deps;
      writeTransaction(db, () => {
        // Events stored before the save are counted under the settings they were stored under, and the rebuilds below
        // (which read the stored events and the customers already counted) see every one of them.
        drainPendingAnalytics(db, Number.POSITIVE_INFINITY);
        const before = loadAnalyticsSettings(db);
        saveAnalyticsSettings(db, body);
        // Which periods count as active changed for all history: the retention rollup is rebuilt from the stored events.
        if (before.activityEvents.join('\n') !== body.activityEvents.join('\n')) rebuildRetentionActivity(db, body);
        else if (before.churnInactivityDays !== body.churnInactivityDays) rebuildRetentionChurns(db, body);
        syncRetentionStageRoles(db, body); // the customer or churn stages changed: the retention flows are rebuilt
      });
      audit(c, 'analytics.settings.update', { type: 'analytics', id: 'default' }, {});
      return c.json(body);
    },
  }),
  route({ method: 'GET', path: '/api/analytics/channels', role: 'viewer', tag, summary: 'Acquisition channels seen (first touch), most customers first', ok: { status: 200, schema: Channels }, handler: (c) => c.json({ channels: analyticsChannels(c.var.deps.db) }) }),
];
