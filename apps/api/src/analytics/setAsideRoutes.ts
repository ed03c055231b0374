import { requeueSetAsideAnalytics, setAsideAnalyticsCount, setAsideAnalyticsEvents } from '@lifecycle/db';
import { z } from 'zod';
import { route } from '../routes/route';
import { audit } from '../services/audit';

const tag = 'analytics';

const SetAside = z
  .object({
    total: z.number().int(),
    events: z.array(z.object({ eventId: z.string(), error: z.string(), setAsideAt: z.string() })),
  })
  .describe('stored events the analytics could not count (the hooks failed on them alone), newest first, at most 100');

/**
 * Events the analytics set aside instead of holding the queue back (packages/db pendingEvents.ts): what they are and
 * why, and, once the cause is mended, a way to count them after all.
 */
export const setAsideRoutes = [
  route({
    method: 'GET', path: '/api/analytics/set-aside', role: 'viewer', tag, summary: 'Stored events the analytics could not count, with why', ok: { status: 200, schema: SetAside },
    handler: async (c) => c.json({ total: await setAsideAnalyticsCount(c.var.deps.db), events: await setAsideAnalyticsEvents(c.var.deps.db) }),
  }),
  route({
    method: 'POST', path: '/api/analytics/set-aside/requeue', role: 'admin', tag, summary: 'Queue every set-aside event again, to be counted like a new one',
    ok: { status: 200, schema: z.object({ requeued: z.number().int() }) },
    handler: async (c) => {
      const requeued = await requeueSetAsideAnalytics(c.var.deps.db);
      await audit(c, 'analytics.set_aside.requeue', { type: 'analytics', id: 'set-aside' }, { requeued });
      return c.json({ requeued });
    },
  }),
];
