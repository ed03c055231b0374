import { deliveriesByStatus, dispatchBacklog, pendingAnalytics, setAsideAnalyticsCount, openFailureCount, runsByStatus, type Db } from '@lifecycle/db';
import { eventsDispatched, eventsIngested, runActions } from '../observability/apiMetrics';
import { exposition, gauge } from '@lifecycle/metrics';

/** The worker's own metrics (activity latency and failures, step latency, emails sent), or '' when it does not answer. */
async function workerMetrics(healthUrl: string): Promise<string> {
  try {
    const response = await fetch(new URL('/metrics', healthUrl), { signal: AbortSignal.timeout(1_500) });
    return response.ok ? (await response.text()).trimEnd() : '';
  } catch {
    return '';
  }
}

const CACHE_MS = 5_000;
let cached: { at: number; db: Db; runs: Awaited<ReturnType<typeof runsByStatus>>; emails: Awaited<ReturnType<typeof deliveriesByStatus>> } | undefined;

/** The grouped counts (≈130 ms each at a million rows), reused for a few seconds so frequent scrapes stay cheap. */
async function tableCounts(db: Db) {
  if (!cached || cached.db !== db || Date.now() - cached.at > CACHE_MS) cached = { at: Date.now(), db, runs: await runsByStatus(db), emails: await deliveriesByStatus(db) };
  return cached;
}

/**
 * The Prometheus exposition: gauges read from the database at scrape time (cheap grouped counts over indexes), the
 * API's counters, and the worker's metrics appended so one scrape sees the platform.
 */
export async function metricsText(db: Db, workerHealthUrl: string): Promise<string> {
  const counts = await tableCounts(db);
  const runs = counts.runs.map((row) => ({ labels: { status: row.status }, value: row.n }));
  const emails = counts.emails.map((row) => ({ labels: { status: row.status }, value: row.n }));
  const backlog = await dispatchBacklog(db);
  const oldestSeconds = backlog.oldestReceivedAt ? Math.max(0, (Date.now() - Date.parse(backlog.oldestReceivedAt)) / 1000) : 0;
  const analytics = await pendingAnalytics(db);
  const analyticsLag = analytics.oldestQueuedAt ? Math.max(0, (Date.now() - Date.parse(analytics.oldestQueuedAt)) / 1000) : 0;
  return exposition([
    gauge('lifecycle_runs', 'Runs by status (from the runs table)', runs),
    // Growing while no API process dispatches (all down, or the dispatching one died and its lease has not lapsed).
    gauge('lifecycle_events_undispatched', 'Events stored and not yet dispatched to journeys', [{ value: backlog.waiting }]),
    gauge('lifecycle_events_undispatched_oldest_seconds', 'Age of the oldest event not yet dispatched (0 when none waits)', [{ value: Math.round(oldestSeconds * 10) / 10 }]),
    // Growing while ingest keeps an API busy: the applier then takes only ANALYTICS_BUSY_SHARE of it.
    gauge('lifecycle_analytics_pending_events', 'Events stored and not yet counted in the analytics figures', [{ value: analytics.count }]),
    gauge('lifecycle_analytics_pending_oldest_seconds', 'Age of the oldest event not yet counted in the analytics figures (0 when none waits)', [{ value: Math.round(analyticsLag * 10) / 10 }]),
    gauge('lifecycle_analytics_set_aside_events', 'Events the analytics could not count (kept in analytics_set_aside with the error)', [{ value: await setAsideAnalyticsCount(db) }]),
    gauge('lifecycle_deliveries', 'Emails by delivery status (from the deliveries table)', emails),
    gauge('lifecycle_activity_failures_open', 'Activities failing now (still retrying)', [{ value: await openFailureCount(db) }]),
    eventsIngested,
    eventsDispatched,
    runActions,
    await workerMetrics(workerHealthUrl),
  ]);
}
