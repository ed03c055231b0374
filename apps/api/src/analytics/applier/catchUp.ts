import type { MiddlewareHandler } from 'hono';
import { drainPendingAnalytics, hasPendingAnalytics, pendingAnalytics } from '@lifecycle/db';
import type { AppEnv } from '../../appContext';

/** Paths whose answers read the analytics rollups: the Analytics area, the customers list (CLV, health) and profiles. */
const READS_ROLLUPS = /^\/api\/(analytics\/|customers(\/|$))/;

/**
 * Read-after-write for figures counted after ingest: before a GET that reads the rollups, what is queued is applied
 * (for at most `budgetMs`), so a page opened after an event was accepted counts it. When more is queued than that
 * budget covers (a burst far beyond what the applier keeps up with), the answer comes from the figures as they are
 * and says so: `x-analytics-pending: <events not yet counted>`.
 */
export function analyticsCatchUp(budgetMs: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === 'GET' && READS_ROLLUPS.test(c.req.path)) {
      const { db } = c.get('deps');
      if (hasPendingAnalytics(db) && !drainPendingAnalytics(db, budgetMs)) c.header('x-analytics-pending', String(pendingAnalytics(db).count));
    }
    await next();
  };
}
