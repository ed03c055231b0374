import { JourneyGoal, reachesGoalEvent, revenueAmount, type AnalyticsSettings, type Facts } from '@lifecycle/journey';
import type { Db } from '../client';
import { recordConversion } from './conversions';
import type { AnalyticsEvent } from './rollupEvent';
import { preparedPerDb } from '../preparedPerDb';
import type { PluckedStatement, RawStatement } from '../access/rawStatement';

type WindowRow = { workflowId: string; journeyId: string; versionId: string; customerId: string; startedAt: string; goal: string };

// Node, send and run counters are kept by triggers (migration 0016); per event only the goal and revenue lookups run.
function prepareAll(db: Db) {
  const sql = (text: string) => db.prepare(text);
  return {
    // Index-backed (customer, window end): the few runs of this customer whose window covers the event's time.
    openWindows: sql(
      `SELECT w.workflow_id AS workflowId, w.journey_id AS journeyId, w.version_id AS versionId, w.customer_id AS customerId, w.started_at AS startedAt, g.goal AS goal
       FROM journey_run_windows w JOIN journey_goals g ON g.version_id = w.version_id
       WHERE w.customer_id = ? AND w.window_ends_at >= ? AND w.started_at <= ? AND w.goal_event = ?`,
    ),
    addRevenue: sql(`UPDATE journey_run_windows SET revenue = revenue + ? WHERE customer_id = ? AND window_ends_at >= ? AND started_at <= ?`),
    // Every event name some journey version counts as its goal (a handful): most events (page views, logins) name none.
    goalNames: sql(`SELECT DISTINCT goal_event FROM journey_goals`).pluck(),
    customer: sql(`SELECT traits, lifecycle_stage AS lifecycleStage, email, subscription FROM customers WHERE id = ?`),
    unsubscribe: sql(`INSERT INTO delivery_unsubscribes (delivery_id, unsubscribed_at) VALUES (?, ?) ON CONFLICT DO NOTHING`),
  } satisfies Record<string, RawStatement | PluckedStatement>;
}

const statements = preparedPerDb(prepareAll);

const goals = new Map<string, JourneyGoal | null>();
function parsedGoal(text: string): JourneyGoal | null {
  if (!goals.has(text)) {
    const parsed = JourneyGoal.safeParse(JSON.parse(text));
    goals.set(text, parsed.success ? parsed.data : null);
  }
  return goals.get(text) ?? null;
}

async function customerFacts(db: Db, customerId: string): Promise<Facts['customer']> {
  const row = await statements(db).customer.get<{ traits: string; lifecycleStage: string | null; email: string | null; subscription: string }>(customerId);
  if (!row) return { traits: {}, lifecycleStage: null, email: null, subscription: 'unsubscribed' };
  return { traits: JSON.parse(row.traits) as Record<string, unknown>, lifecycleStage: row.lifecycleStage, email: row.email, subscription: row.subscription };
}

/**
 * Counts a run as converted when its customer reaches the goal within the run's conversion window, also after the
 * run has ended (a run still going converts itself too; the first record stands). Also called for the segment
 * events segment membership stores, which do not pass through ingest's analytics hook.
 */
export async function recordJourneyGoalEvent(
  db: Db,
  event: { customerId: string; name: string | null; properties: Record<string, unknown>; timestamp: string; customerAtStore?: Facts['customer'] | null },
): Promise<void> {
  if (event.name === null) return;
  const name = event.name;
  const candidates = await statements(db).openWindows.all<WindowRow>(event.customerId, event.timestamp, event.timestamp, name);
  if (candidates.length === 0) return;
  // Goal conditions judge the customer as the event found them (kept when it was queued), else as they are now.
  const facts = { customer: event.customerAtStore ?? (await customerFacts(db, event.customerId)), event: { name, properties: event.properties } };
  for (const run of candidates) {
    const goal = parsedGoal(run.goal);
    if (!goal || !reachesGoalEvent(goal, facts)) continue;
    await recordConversion(db, { workflowId: run.workflowId, journeyId: run.journeyId, versionId: run.versionId, customerId: run.customerId, startedAt: run.startedAt, convertedAt: event.timestamp });
  }
}

/**
 * The goal names, read once per analytics batch: a batch runs in one write transaction, in which no version can be
 * published, so the set cannot change under it. Dropped at the end of every batch (`endJourneysBatch`) and never
 * used outside a transaction, so a later batch always reads the names anew.
 */
const batchGoalNames = new WeakMap<Db, Set<string>>();
async function goalNamesOfBatch(db: Db): Promise<Set<string> | null> {
  if (!db.inTransaction()) return null;
  let names = batchGoalNames.get(db);
  if (!names) batchGoalNames.set(db, (names = new Set(await statements(db).goalNames.all<string>())));
  return names;
}

/** Ends an analytics batch: the next one reads the goal names again. */
export function endJourneysBatch(db: Db): void {
  batchGoalNames.delete(db);
}

/** Keeps the journeys rollups current as each event is stored (inside the ingest transaction). */
export async function recordJourneysEvent(db: Db, settings: AnalyticsSettings, event: AnalyticsEvent): Promise<void> {
  // The run windows are probed only for a name some journey counts as its goal (a join per event otherwise).
  if (event.name !== null && ((await goalNamesOfBatch(db))?.has(event.name) ?? true)) await recordJourneyGoalEvent(db, event);
  const revenue = revenueAmount(settings, event);
  // Revenue in a currency without a rate is left out of journey revenue rather than added to unlike money.
  if (revenue?.kind === 'base' && revenue.amount !== 0) {
    await statements(db).addRevenue.run(revenue.amount, event.customerId, event.timestamp, event.timestamp);
  }
}

/** Records that a delivery's unsubscribe link was used (its send node's unsubscribe counter, once per delivery). */
export async function recordDeliveryUnsubscribe(db: Db, deliveryId: string, at: string): Promise<void> {
  await statements(db).unsubscribe.run(deliveryId, at);
}
