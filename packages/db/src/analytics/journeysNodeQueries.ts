import { sql } from 'drizzle-orm';
import type { Db } from '../client';

/** Visits that reached a node and how many left by each exit (all time, for one version). */
export type JourneyNodeFigures = { nodeId: string; reached: number; exits: Record<string, number> };

/** Delivery counters of a send node or a template. */
export type SendFigures = { sent: number; delivered: number; failed: number; skipped: number; opened: number; clicked: number; unsubscribed: number };

const sendColumns = sql`sum(sent) AS sent, sum(delivered) AS delivered, sum(failed) AS failed, sum(skipped) AS skipped, sum(opened) AS opened, sum(clicked) AS clicked, sum(unsubscribed) AS unsubscribed`;

/** Per node of a version: reached and each exit, from the step rollup. */
export function journeyNodeFigures(db: Db, versionId: string): JourneyNodeFigures[] {
  const rows = db.all<{ nodeId: string; exit: string; visits: number }>(
    sql`SELECT node_id AS nodeId, exit, visits FROM journey_node_stats WHERE version_id = ${versionId} ORDER BY node_id, exit`,
  );
  const byNode = new Map<string, JourneyNodeFigures>();
  for (const row of rows) {
    const node = byNode.get(row.nodeId) ?? { nodeId: row.nodeId, reached: 0, exits: {} };
    byNode.set(row.nodeId, node);
    if (row.exit === '') node.reached = row.visits;
    else node.exits[row.exit] = row.visits;
  }
  return [...byNode.values()];
}

/** Per send node of a version: its delivery counters. */
export function journeySendFigures(db: Db, versionId: string): (SendFigures & { nodeId: string; templateId: string })[] {
  return db.all(sql`SELECT node_id AS nodeId, template_id AS templateId, ${sendColumns} FROM journey_send_stats WHERE version_id = ${versionId} GROUP BY node_id, template_id ORDER BY node_id`);
}

/** Per template, across every journey and version that sent it. */
export function templateSendFigures(db: Db): (SendFigures & { templateId: string; templateName: string | null; journeys: number })[] {
  return db.all(sql`SELECT s.template_id AS templateId, t.name AS templateName, count(DISTINCT s.journey_id) AS journeys, ${sendColumns}
    FROM journey_send_stats s LEFT JOIN templates t ON t.id = s.template_id GROUP BY s.template_id ORDER BY coalesce(t.name, s.template_id)`);
}

/** A version of the journey: by id, by number, or (neither given) its latest published one. */
export function versionOfJourney(db: Db, journeyId: string, pick: { versionId?: string; version?: number }): { versionId: string; version: number } | undefined {
  if (pick.versionId !== undefined) return db.get(sql`SELECT id AS versionId, version FROM journey_versions WHERE journey_id = ${journeyId} AND id = ${pick.versionId}`);
  if (pick.version !== undefined) return db.get(sql`SELECT id AS versionId, version FROM journey_versions WHERE journey_id = ${journeyId} AND version = ${pick.version}`);
  return db.get(sql`SELECT id AS versionId, version FROM journey_versions WHERE journey_id = ${journeyId} ORDER BY version DESC LIMIT 1`);
}
