import type { AnalyticsSettings } from '@lifecycle/journey';
import { seededRandom } from '../../../../scripts/demoData/random';
import type { Db } from '../client';
import { queueAnalyticsEvent } from '../analytics/pendingEvents';
import { recordAnalyticsEvent } from '../analytics/rollups';
import type { AnalyticsEvent } from '../analytics/rollupEvent';
import { loadAnalyticsSettings } from '../analytics/settings';
import { changeStage } from '../queries/lifecycle';

/** One thing that happened to a person in a random history: an event, a stage move, a segment join, a journey run. */
export type HistoryStep =
  | { kind: 'event'; person: string; event: Omit<AnalyticsEvent, 'customerId'> }
  | { kind: 'stage'; person: string; to: string; at: string }
  | { kind: 'segment'; person: string; segmentId: string; at: string }
  | { kind: 'run'; person: string; workflowId: string; arm: string; status: string; at: string; opened: boolean };

const NAMES = ['page', 'login', 'feature_used', 'purchase', 'survey_answered'] as const;
const CHANNELS = ['google', 'newsletter', 'ads'];
const STAGES = ['visitor', 'lead', 'customer', 'churned'];
const DAY_MS = 86_400_000;

/** A random but reproducible history of `people` over ~4 months: events out of order now and then (backfills). */
export function randomHistory(seed: number, people: string[], steps: number, options: { stages?: boolean; runs?: boolean } = {}): HistoryStep[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const start = Date.parse('2026-03-02T00:00:00.000Z');
  const history: HistoryStep[] = [];
  for (let i = 0; i < steps; i += 1) {
    const person = pick(people);
    const at = new Date(start + Math.floor(random() * 120 * DAY_MS)).toISOString();
    const roll = random();
    if (options.stages && roll < 0.1) history.push({ kind: 'stage', person, to: pick(STAGES), at });
    // Segments are joined by known customers only: an anonymous visitor's are re-evaluated when they identify.
    else if (roll < 0.15 && !person.startsWith('anon:')) history.push({ kind: 'segment', person, segmentId: pick(['seg_a', 'seg_b']), at });
    else if (options.runs && roll < 0.22) {
      history.push({ kind: 'run', person, workflowId: `wf_${i}`, arm: pick(['a', 'b']), status: pick(['running', 'completed']), at, opened: random() < 0.5 });
    } else {
      const name = pick(NAMES);
      const id = `evt_${String(i).padStart(6, '0')}`;
      const properties: Record<string, unknown> = {};
      if (name === 'purchase') Object.assign(properties, { revenue: Math.round(random() * 10_000) / 100 }, random() < 0.2 ? { currency: 'EUR' } : {});
      if (name === 'survey_answered') Object.assign(properties, { survey: pick(['nps_q1', 'nps_q2']), kind: 'nps', score: Math.floor(random() * 11) });
      if (name === 'page' && random() < 0.4) properties.utm_source = pick(CHANNELS);
      const identify = random() < 0.08;
      const event = identify
        ? { id, type: 'identify' as const, name: null, properties: {}, traits: { utm_source: pick(CHANNELS) }, context: null, timestamp: at }
        : { id, type: name === 'page' ? ('page' as const) : ('track' as const), name, properties, traits: null, context: null, timestamp: at };
      history.push({ kind: 'event', person, event });
    }
  }
  return history;
}

const loaded = new WeakMap<Db, AnalyticsSettings>();
async function settingsOf(db: Db): Promise<AnalyticsSettings> {
  let settings = loaded.get(db);
  if (!settings) loaded.set(db, (settings = await loadAnalyticsSettings(db)));
  return settings;
}

async function storeEventRow(db: Db, e: Omit<AnalyticsEvent, 'customerId'>, customerId: string): Promise<void> {
  await db
    .prepare('INSERT INTO events (id, message_id, type, name, customer_id, properties, traits, context, timestamp, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(e.id, e.id, e.type, e.name, customerId, JSON.stringify(e.properties), e.traits === null ? null : JSON.stringify(e.traits), null, e.timestamp, e.timestamp);
}

/**
 * Stores one step under `customerId` the way the platform does: the row, then the same hooks and triggers. With
 * `queue`, an event is queued for the applier as ingest does (counted by `applyPendingAnalytics` later).
 */
export async function applyStep(db: Db, step: HistoryStep, customerId: string, given?: AnalyticsSettings, queue = false): Promise<void> {
  const settings = given ?? (await settingsOf(db));
  await db.prepare('INSERT INTO customers (id) VALUES (?) ON CONFLICT DO NOTHING').run(customerId);
  switch (step.kind) {
    case 'event': {
      await storeEventRow(db, step.event, customerId);
      if (queue) await queueAnalyticsEvent(db, { eventId: step.event.id, customerId, name: step.event.name, queuedAt: step.event.timestamp });
      else await recordAnalyticsEvent(db, settings, { ...step.event, customerId });
      return;
    }
    case 'stage':
      await changeStage(db, { customerId, to: step.to, cause: 'test', at: step.at });
      return;
    case 'segment':
      await db.prepare('INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(step.segmentId, customerId, step.at);
      return;
    case 'run': {
      await db
        .prepare(`INSERT INTO runs (workflow_id, journey_id, version_id, customer_id, status, started_at) VALUES (?, 'j1', 'v1', ?, ?, ?)`)
        .run(step.workflowId, customerId, step.status, step.at);
      const addStep = db.prepare('INSERT INTO run_steps (workflow_id, seq, node_id, node_type, entered_at, exit) VALUES (?, ?, ?, ?, ?, ?)');
      await addStep.run(step.workflowId, 1, 'split', 'random_split', step.at, step.arm);
      await addStep.run(step.workflowId, 2, 'send', 'send_email', step.at, null);
      await db
        .prepare(
          `INSERT INTO deliveries (id, idempotency_key, workflow_id, node_id, journey_id, customer_id, template_id, message_id, status, opened_at) VALUES (?, ?, ?, 'send', 'j1', ?, 't1', ?, 'sent', ?)`,
        )
        .run(`d_${step.workflowId}`, `d_${step.workflowId}`, step.workflowId, customerId, `m_${step.workflowId}`, step.opened ? step.at : null);
      return;
    }
    default: {
      const unknown: never = step;
      throw new Error(`unknown step ${JSON.stringify(unknown)}`);
    }
  }
}

/** Raw rows, settings and bookkeeping: what the figures are built from, not figures (left out of the comparison). */
const NOT_ROLLUPS = new Set([
  'events', 'customers', 'customer_aliases', 'customer_activity', 'segment_memberships', 'segment_rechecks', 'runs', 'run_steps', 'deliveries', 'stage_history',
  'stage_funnel_dirty', 'global_control_state', '__drizzle_migrations', 'analytics_pending',
]);

/** The database's tables, from its catalogue (SQLite's sqlite_master, Postgres's pg_tables). */
async function tableNames(db: Db): Promise<string[]> {
  const text =
    db.dialect === 'postgres'
      ? 'SELECT tablename FROM pg_tables WHERE schemaname = current_schema()'
      : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
  return await db.prepare(text).pluck().all<string>();
}

/** Per column of `table`, in `SELECT *` order, whether it is part of the primary key. */
async function keyColumns(db: Db, table: string): Promise<boolean[]> {
  if (db.dialect === 'sqlite') return (await db.prepare(`PRAGMA table_info("${table}")`).all<{ pk: number }>()).map((column) => column.pk !== 0);
  const columns = await db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisprimary AND a.attnum = ANY (i.indkey)) AS pk
       FROM pg_attribute a WHERE a.attrelid = CAST(? AS regclass) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    )
    .all<{ pk: number }>(`"${table}"`);
  return columns.map((column) => column.pk !== 0);
}

/**
 * Every rollup table's rows as sorted text (numbers rounded; rows whose every number outside the key is 0 left out: a counter that
 * went up and down again is the same figure as one never written).
 */
export async function rollupSnapshot(db: Db): Promise<Record<string, string[]>> {
  const tables = (await tableNames(db)).filter((t) => !NOT_ROLLUPS.has(t));
  const snapshot: Record<string, string[]> = {};
  for (const table of tables.sort()) {
    const rows = await db.prepare(`SELECT * FROM "${table}"`).raw().all();
    const keys = await keyColumns(db, table);
    const kept = rows.filter((row) => {
      const numbers = row.filter((value, i) => typeof value === 'number' && !keys[i]);
      return numbers.length === 0 || numbers.some((value) => Math.abs(value as number) > 1e-9);
    });
    snapshot[table] = kept.map((row) => row.map((value) => (typeof value === 'number' ? String(Math.round(value * 1e6) / 1e6) : String(value))).join('|')).sort();
  }
  return snapshot;
}
