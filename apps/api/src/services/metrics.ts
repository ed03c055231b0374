import { deliveriesByStatus, openFailureCount, runsByStatus, type Db } from '@lifecycle/db';
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
let cached: { at: number; db: Db; runs: ReturnType<typeof runsByStatus>; emails: ReturnType<typeof deliveriesByStatus> } | undefined;

/** The grouped counts (≈130 ms each at a million rows), reused for a few seconds so frequent scrapes stay cheap. */
function tableCounts(db: Db) {
  if (!cached || cached.db !== db || Date.now() - cached.at > CACHE_MS) cached = { at: Date.now(), db, runs: runsByStatus(db), emails: deliveriesByStatus(db) };
  return cached;
}

/**
 * The Prometheus exposition: gauges read from the database at scrape time (cheap grouped counts over indexes), the
 * API's counters, and the worker's metrics appended so one scrape sees the platform.
 */
export async function metricsText(db: Db, workerHealthUrl: string): Promise<string> {
  const counts = tableCounts(db);
  const runs = counts.runs.map((row) => ({ labels: { status: row.status }, value: row.n }));
  const emails = counts.emails.map((row) => ({ labels: { status: row.status }, value: row.n }));
  return exposition([
    gauge('lifecycle_runs', 'Runs by status (from the runs table)', runs),
    gauge('lifecycle_deliveries', 'Emails by delivery status (from the deliveries table)', emails),
    gauge('lifecycle_activity_failures_open', 'Activities failing now (still retrying)', [{ value: openFailureCount(db) }]),
    eventsIngested,
    eventsDispatched,
    runActions,
    await workerMetrics(workerHealthUrl),
  ]);
}
