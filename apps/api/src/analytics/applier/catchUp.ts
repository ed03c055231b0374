import type { MiddlewareHandler } from 'hono';
import { drainPendingAnalytics, hasPendingAnalytics, pendingAnalytics, type Db } from '@lifecycle/db';
import type { AppEnv } from '../../appContext';

/** Paths whose answers read the analytics rollups: the Analytics area, the customers list (CLV, health) and profiles. */
const READS_ROLLUPS = /^\/api\/(analytics\/|customers(\/|$))/;

/** After a read's budget ran out, later reads answer at once for this long (the applier works through the backlog). */
const BACK_OFF_MS = 5_000;

/** Whether a route's answer reads the rollups, so it counts the queue first. */
export function readsRollups(route: { method: string; path: string }): boolean {
  return route.method === 'GET' && READS_ROLLUPS.test(route.path);
}

const shortUntil = new WeakMap<Db, number>();

/**
 * Read-after-write for figures counted after ingest, for the routes `readsRollups` names (registered after auth, so no
 * anonymous request makes the API count): what is queued is counted first, for up to ANALYTICS_READ_APPLY_MS, so a page
 * opened after an event was accepted counts it. When more is queued than that covers (a burst beyond what the applier
 * keeps up with), the answer comes from the figures as they are and says so, `x-analytics-pending: <events not yet
 * counted>`, and reads answer at once for the next few seconds rather than each spending its budget in turn. A database
 * that fails the counting (busy, full) does not fail the read.
 */
export const analyticsCatchUp: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { db, config } = c.get('deps');
  if (await hasPendingAnalytics(db)) {
    let current = false;
    if ((shortUntil.get(db) ?? 0) <= Date.now()) {
      try {
        current = await drainPendingAnalytics(db, config.analyticsReadApplyMs);
      } catch (error) {
        console.warn(`analytics catch-up before ${c.req.path}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!current) shortUntil.set(db, Date.now() + BACK_OFF_MS);
    }
    if (!current) c.header('x-analytics-pending', String((await pendingAnalytics(db)).count));
  }
  await next();
};
