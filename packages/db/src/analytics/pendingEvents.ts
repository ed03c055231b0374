import { isTransientDatabaseError } from '../access/databaseErrorCode';
import type { Db } from '../client';
import { preparedPerDb } from '../preparedPerDb';
import { afterAnalyticsBatch, endAnalyticsBatch, recordAnalyticsEvent, rollupsOff } from './rollups';
import { analyticsEventOfRow, STORED_EVENT_COLUMNS, type StoredEventRow } from './rollupEvent';
import { loadAnalyticsSettings } from './settings';

/** A queue row with its event's columns (`e`: events, `p`: analytics_pending), as `QueuedRow` reads it. */
const QUEUED_COLUMNS = `p.seq AS seq, p.customer AS customer, ${STORED_EVENT_COLUMNS.split(', ').map((column) => `e.${column} AS ${column}`).join(', ')}`;

/** The customer as one JSON object: SQLite's json_object, Postgres's jsonb_build_object (traits are jsonb there). */
const customerJson = (db: Db) =>
  db.dialect === 'postgres'
    ? `jsonb_build_object('traits', traits, 'lifecycleStage', lifecycle_stage, 'email', email, 'subscription', subscription)`
    : `json_object('traits', json(traits), 'lifecycleStage', lifecycle_stage, 'email', email, 'subscription', subscription)`;

const statements = preparedPerDb((db) => {
  return {
    // The customer is kept only for an event some journey counts as its goal (journey_goals: a handful of rows).
    queue: db.prepare(
      `INSERT INTO analytics_pending (event_id, queued_at, customer) VALUES (:eventId, :queuedAt,
         CASE WHEN CAST(:name AS TEXT) IS NOT NULL AND EXISTS (SELECT 1 FROM journey_goals WHERE goal_event = :name)
           THEN (SELECT ${customerJson(db)} FROM customers WHERE id = :customerId)
         END)
       ON CONFLICT (event_id) DO NOTHING`,
    ),
    // LEFT JOIN: an event forgotten (customer deleted) while queued is dropped from the queue without counting.
    next: db.prepare(
      `SELECT ${QUEUED_COLUMNS}
       FROM analytics_pending p LEFT JOIN events e ON e.id = p.event_id ORDER BY p.seq LIMIT ?`,
    ),
    drop: db.prepare('DELETE FROM analytics_pending WHERE seq <= ?'),
    // One customer's queued events: a walk of the queue, by the events' primary key (the queue is short unless ingest is saturated).
    ofCustomer: db.prepare(
      `SELECT ${QUEUED_COLUMNS}
       FROM analytics_pending p JOIN events e ON e.id = p.event_id WHERE e.customer_id = ? ORDER BY p.seq`,
    ),
    dropOne: db.prepare('DELETE FROM analytics_pending WHERE seq = ?'),
    one: db.prepare(`SELECT ${QUEUED_COLUMNS}, p.event_id AS queued_event_id FROM analytics_pending p LEFT JOIN events e ON e.id = p.event_id WHERE p.seq = ?`),
    after: db.prepare('SELECT seq FROM analytics_pending WHERE seq > ? ORDER BY seq LIMIT ?').pluck(),
    dropQueued: db.prepare('DELETE FROM analytics_pending WHERE seq = ? AND event_id = ?'),
    setAsideList: db.prepare('SELECT event_id AS eventId, error, set_aside_at AS setAsideAt FROM analytics_set_aside ORDER BY set_aside_at DESC, event_id LIMIT ?'),
    // Only events still stored (a customer forgotten since leaves nothing to count).
    requeue: db.prepare(
      `INSERT INTO analytics_pending (event_id, queued_at) SELECT s.event_id, ? FROM analytics_set_aside s JOIN events e ON e.id = s.event_id
       WHERE true ORDER BY s.event_id ON CONFLICT (event_id) DO NOTHING`,
    ),
    clearSetAside: db.prepare('DELETE FROM analytics_set_aside'),
    setAside: db.prepare(
      `INSERT INTO analytics_set_aside (event_id, error, set_aside_at) VALUES (?, ?, ?)
       ON CONFLICT (event_id) DO UPDATE SET error = excluded.error, set_aside_at = excluded.set_aside_at`,
    ),
    setAsideCount: db.prepare('SELECT count(*) AS n FROM analytics_set_aside'),
    // Both ends of the queue by its primary key: the oldest row is the first position (queued in commit order).
    ends: db.prepare(
      `SELECT (SELECT seq FROM analytics_pending ORDER BY seq LIMIT 1) AS first, (SELECT seq FROM analytics_pending ORDER BY seq DESC LIMIT 1) AS last,
              (SELECT queued_at FROM analytics_pending ORDER BY seq LIMIT 1) AS oldest`,
    ),
    count: db.prepare('SELECT count(*) AS n FROM analytics_pending'),
    any: db.prepare('SELECT 1 FROM analytics_pending LIMIT 1'),
    newest: db.prepare('SELECT max(seq) AS seq FROM analytics_pending'),
  };
});

/**
 * Queues a stored event for the analytics rollups, in the transaction that stored it. Ingest does only this: the rollup
 * work (the hooks and the triggers their writes fire) costs about twice what storing the event does, so it runs after
 * the commit, in `applyPendingAnalytics`, where ingest does not wait for it.
 */
export async function queueAnalyticsEvent(db: Db, event: { eventId: string; customerId: string; name: string | null; queuedAt: string }): Promise<void> {
  if (rollupsOff) return;
  await statements(db).queue.run(event);
}

/**
 * Passes up to `limit` queued events, oldest first, through the rollup hooks, then the per-batch figures (health
 * scores, control-group assignment) of the customers they touched, and removes them from the queue — all in one write
 * transaction, so a crash either counts the whole chunk or none of it, and nothing twice. Each event counts for the
 * customer who owns it when applied (a merge since moved it). Returns how many queue rows it took.
 */
export async function applyPendingAnalytics(db: Db, options: { limit?: number; now?: Date } = {}): Promise<number> {
  const prepared = statements(db);
  return await countQueued(db, options.now ?? new Date(), async () => {
    const rows = await prepared.next.all<QueuedRow>(options.limit ?? 200);
    const last = rows.at(-1);
    if (last) await prepared.drop.run(last.seq);
    return rows;
  });
}

/**
 * Counts one customer's queued events now, ahead of the queue: for a step that reads their figures back in the same
 * breath (a survey comment joins the answer the click just stored). Rollups do not depend on the order events are
 * counted in, so taking some out of turn leaves every figure as counting them in turn would.
 */
export async function applyPendingAnalyticsOf(db: Db, customerId: string, now = new Date()): Promise<number> {
  const prepared = statements(db);
  return await countQueued(db, now, async () => {
    const rows = await prepared.ofCustomer.all<QueuedRow>(customerId);
    for (const row of rows) await prepared.dropOne.run(row.seq);
    return rows;
  });
}

type QueuedRow = StoredEventRow & { seq: number };

/** Takes rows off the queue (`take`) and counts them, in one write transaction; returns how many it took. */
async function countQueued(db: Db, now: Date, take: () => Promise<QueuedRow[]>): Promise<number> {
  return await db.transaction(async () => {
    // Inside the transaction: once it ends, the next chunk's may begin, and its batch state must not be wiped.
    try {
      const rows = await take();
      await countRows(db, rows, now);
      return rows.length;
    } finally {
      endAnalyticsBatch(db); // a chunk that failed half-way leaves nothing it read behind for the next one
    }
  });
}

async function countRows(db: Db, rows: readonly QueuedRow[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  const settings = await loadAnalyticsSettings(db);
  const touched = new Set<string>();
  for (const row of rows) {
    if (row.id === null) continue; // forgotten (customer deleted) while queued
    await recordAnalyticsEvent(db, settings, analyticsEventOfRow(row));
    touched.add(row.customer_id);
  }
  await afterAnalyticsBatch(db, settings, touched, now);
}

/** Records that `eventId` could not be counted, with why (in the caller's transaction). */
export async function setAsideAnalyticsEvent(db: Db, eventId: string, error: unknown, now: Date): Promise<void> {
  await statements(db).setAside.run(eventId, error instanceof Error ? `${error.name}: ${error.message}` : String(error), now.toISOString());
}

/** How many queue positions past a failing chunk the fallback looks for an event that counts (proof the fault is the events'). */
const PROBE_LIMIT = 1_000;

/** One event the hooks failed on alone: where it was queued, which event, why. */
type Failure = { seq: number; eventId: string; error: unknown };

/**
 * `applyPendingAnalytics`, robust to an event the hooks cannot count (a poison event would otherwise hold the whole
 * queue back for good): when a chunk fails for a reason that is not the database's, its events are counted one at a
 * time. An event whose stored data cannot be read (its JSON) is set aside at once (`analytics_set_aside`, with its
 * error). Any other failure is set aside only once another event was counted by the hooks in the same pass (looking
 * up to 1,000 positions past the chunk for one): a failure every event meets (a broken trigger, a bug in a hook) is
 * the system's, not theirs, and must not empty the queue into the set-aside table — then nothing is set aside, the
 * events stay queued and the error is thrown for the applier to report. Set-aside events can be queued again
 * (`requeueSetAsideAnalytics`). Counting out of turn is safe: rollups do not depend on the order events are counted in.
 * What the applier and the reads use.
 */
export async function countPendingAnalytics(db: Db, options: { limit?: number; now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? 200;
  try {
    return await applyPendingAnalytics(db, { limit, now });
  } catch (error) {
    if (isTransientDatabaseError(error)) throw error;
    const failed: Failure[] = [];
    let proof = false; // an event the hooks ran on was counted: the failures are the events' own
    let taken = 0;
    let looked = 0;
    // Positions only: each event is read again in the transaction that counts it (another process may have taken it).
    for (let after = 0; looked < limit || (!proof && failed.length > 0 && looked < limit + PROBE_LIMIT); ) {
      const positions = await statements(db).after.all<number>(after, Math.min(limit, 200));
      if (positions.length === 0) break;
      for (const seq of positions) {
        looked++;
        const outcome = await countOneQueued(db, seq, now);
        if (outcome === 'counted') {
          proof = true;
          taken++;
        } else if (outcome === 'forgotten' || outcome === 'unreadable') taken++;
        else if (outcome !== 'gone') failed.push({ seq, ...outcome });
      }
      after = positions.at(-1)!;
    }
    if (failed.length === 0) return taken;
    if (!proof) throw failed[0]!.error;
    return (
      taken +
      (await db.transaction(async () => {
        let setAside = 0;
        for (const failure of failed) if (await setAsideQueued(db, failure, now)) setAside++;
        return setAside;
      }))
    );
  }
}

/** Takes the event off the queue into `analytics_set_aside` when it is still queued at `seq` (positions are reused once the queue empties). */
async function setAsideQueued(db: Db, failure: Failure, now: Date): Promise<boolean> {
  if ((await statements(db).dropQueued.run(failure.seq, failure.eventId)).changes === 0) return false;
  await setAsideAnalyticsEvent(db, failure.eventId, failure.error, now);
  return true;
}

/**
 * Counts the event at queue position `seq` and takes it off the queue, in one transaction: 'counted' (the hooks ran),
 * 'forgotten' (its customer was deleted while it waited: dropped uncounted), 'unreadable' (its stored JSON cannot be
 * read: set aside), 'gone' (another process took it), or the hooks' error (nothing changed).
 */
async function countOneQueued(db: Db, seq: number, now: Date): Promise<'counted' | 'forgotten' | 'unreadable' | 'gone' | Omit<Failure, 'seq'>> {
  let eventId = `seq:${seq}`;
  try {
    return await db.transaction(async () => {
      try {
        const row = await statements(db).one.get<QueuedRow & { queued_event_id: string }>(seq);
        if (!row) return 'gone';
        eventId = row.queued_event_id;
        await statements(db).dropOne.run(seq);
        if (row.id === null) return 'forgotten';
        try {
          analyticsEventOfRow(row);
        } catch (unreadable) {
          await setAsideAnalyticsEvent(db, eventId, unreadable, now);
          return 'unreadable';
        }
        await countRows(db, [row], now);
        return 'counted';
      } finally {
        endAnalyticsBatch(db); // inside the transaction, as in countQueued
      }
    });
  } catch (error) {
    if (isTransientDatabaseError(error)) throw error;
    return { eventId, error };
  }
}

/** Events taken off the queue because the hooks failed on them alone (see countPendingAnalytics). */
export async function setAsideAnalyticsCount(db: Db): Promise<number> {
  return ((await statements(db).setAsideCount.get()) as { n: number }).n;
}

/** The newest events set aside, with why (at most `limit`). */
export async function setAsideAnalyticsEvents(db: Db, limit = 100): Promise<{ eventId: string; error: string; setAsideAt: string }[]> {
  return await statements(db).setAsideList.all<{ eventId: string; error: string; setAsideAt: string }>(limit);
}

/**
 * Puts every set-aside event still stored back on the queue (after the fault that stopped it was mended), to be
 * counted like a new one; returns how many. A goal condition then judges the customer as they are when it is counted.
 */
export async function requeueSetAsideAnalytics(db: Db, now = new Date()): Promise<number> {
  return await db.transaction(async () => {
    const requeued = (await statements(db).requeue.run(now.toISOString())).changes;
    await statements(db).clearSetAside.run();
    return requeued;
  });
}

/** Applies queued events until none are left or `budgetMs` has passed; returns whether the queue is empty. */
export async function drainPendingAnalytics(db: Db, budgetMs: number, now: () => number = Date.now): Promise<boolean> {
  const until = now() + budgetMs;
  while ((await countPendingAnalytics(db)) > 0) if (now() >= until) return !(await hasPendingAnalytics(db));
  return true;
}

/**
 * The newest queue position (null: nothing queued). The applier only takes rows from the oldest end, so when this
 * moves between two looks, some process (any API sharing the database) queued events in between: it is ingesting.
 */
export async function newestPendingAnalytics(db: Db): Promise<number | null> {
  return ((await statements(db).newest.get()) as { seq: number | null }).seq;
}

export async function hasPendingAnalytics(db: Db): Promise<boolean> {
  return (await statements(db).any.get()) !== undefined;
}

/** Past this many queue positions the backlog is read from them instead of counted row by row. */
const EXACT_BACKLOG_LIMIT = 10_000;

/**
 * How many stored events the rollups have not counted yet, and since when the oldest has waited. A few index reads
 * whatever the backlog (it is on /metrics and the dashboard): up to 10,000 positions the rows are counted; beyond, the
 * count is the span of queue positions, which can overstate it by the events counted out of turn (survey comments,
 * set-aside events) — a backlog that size is a figure to watch, not to the event.
 */
export async function pendingAnalytics(db: Db): Promise<{ count: number; oldestQueuedAt: string | null }> {
  const prepared = statements(db);
  const ends = (await prepared.ends.get()) as { first: number | null; last: number | null; oldest: string | null };
  if (ends.first === null || ends.last === null) return { count: 0, oldestQueuedAt: null };
  const span = ends.last - ends.first + 1;
  const count = span <= EXACT_BACKLOG_LIMIT ? ((await prepared.count.get()) as { n: number }).n : span;
  return { count, oldestQueuedAt: ends.oldest };
}

/** When the oldest event still waiting to be counted was queued (null: none waits). One index read. */
export async function oldestPendingAnalytics(db: Db): Promise<string | null> {
  return ((await statements(db).ends.get()) as { oldest: string | null }).oldest;
}
