import type { Db } from '../client';
import { preparedPerDb } from '../preparedPerDb';
import { writeTransaction } from '../writeTransaction';
import { afterAnalyticsBatch, endAnalyticsBatch, recordAnalyticsEvent, rollupsOff } from './rollups';
import { analyticsEventOfRow, STORED_EVENT_COLUMNS, type StoredEventRow } from './rollupEvent';
import { loadAnalyticsSettings } from './settings';

const statements = preparedPerDb((db) => {
  const client = db.$client;
  return {
    queue: client.prepare('INSERT INTO analytics_pending (event_id, queued_at) VALUES (?, ?) ON CONFLICT (event_id) DO NOTHING'),
    // LEFT JOIN: an event forgotten (customer deleted) while queued is dropped from the queue without counting.
    next: client.prepare(
      `SELECT p.seq AS seq, ${STORED_EVENT_COLUMNS.split(', ').map((column) => `e.${column} AS ${column}`).join(', ')}
       FROM analytics_pending p LEFT JOIN events e ON e.id = p.event_id ORDER BY p.seq LIMIT ?`,
    ),
    drop: client.prepare('DELETE FROM analytics_pending WHERE seq <= ?'),
    backlog: client.prepare('SELECT count(*) AS count, min(queued_at) AS oldest FROM analytics_pending'),
    any: client.prepare('SELECT 1 FROM analytics_pending LIMIT 1'),
    newest: client.prepare('SELECT max(seq) AS seq FROM analytics_pending'),
  };
});

/**
 * Queues a stored event for the analytics rollups, in the transaction that stored it. Ingest does only this: the rollup
 * work (the hooks and the triggers their writes fire) costs about twice what storing the event does, so it runs after
 * the commit, in `applyPendingAnalytics`, where ingest does not wait for it.
 */
export function queueAnalyticsEvent(db: Db, eventId: string, queuedAt: string): void {
  if (rollupsOff) return;
  statements(db).queue.run(eventId, queuedAt);
}

/**
 * Passes up to `limit` queued events, oldest first, through the rollup hooks, then the per-batch figures (health
 * scores, control-group assignment) of the customers they touched, and removes them from the queue — all in one write
 * transaction, so a crash either counts the whole chunk or none of it, and nothing twice. Each event counts for the
 * customer who owns it when applied (a merge since moved it). Returns how many queue rows it took.
 */
export function applyPendingAnalytics(db: Db, options: { limit?: number; now?: Date } = {}): number {
  const limit = options.limit ?? 200;
  const prepared = statements(db);
  try {
    return writeTransaction(db, () => {
      const rows = prepared.next.all(limit) as (StoredEventRow & { seq: number })[];
      const last = rows.at(-1);
      if (!last) return 0;
      const settings = loadAnalyticsSettings(db);
      const touched = new Set<string>();
      for (const row of rows) {
        if (row.id === null) continue;
        recordAnalyticsEvent(db, settings, analyticsEventOfRow(row));
        touched.add(row.customer_id);
      }
      afterAnalyticsBatch(db, settings, touched, options.now ?? new Date());
      prepared.drop.run(last.seq);
      return rows.length;
    });
  } finally {
    endAnalyticsBatch(db); // a chunk that failed half-way leaves nothing it read behind for the next one
  }
}

/** Applies queued events until none are left or `budgetMs` has passed; returns whether the queue is empty. */
export function drainPendingAnalytics(db: Db, budgetMs: number, now: () => number = Date.now): boolean {
  const until = now() + budgetMs;
  while (applyPendingAnalytics(db) > 0) if (now() >= until) return !hasPendingAnalytics(db);
  return true;
}

/**
 * The newest queue position (null: nothing queued). The applier only takes rows from the oldest end, so when this
 * moves between two looks, some process (any API sharing the database) queued events in between: it is ingesting.
 */
export function newestPendingAnalytics(db: Db): number | null {
  return (statements(db).newest.get() as { seq: number | null }).seq;
}

export function hasPendingAnalytics(db: Db): boolean {
  return statements(db).any.get() !== undefined;
}

/** How many stored events the rollups have not counted yet, and since when the oldest has waited. */
export function pendingAnalytics(db: Db): { count: number; oldestQueuedAt: string | null } {
  const row = statements(db).backlog.get() as { count: number; oldest: string | null };
  return { count: row.count, oldestQueuedAt: row.oldest };
}
