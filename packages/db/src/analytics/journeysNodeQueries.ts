import { sql } from 'drizzle-orm';
import type { Db } from '../client';

/** Visits that reached a node and how many left by each exit (all time, for one version). */
export type JourneyNodeFigures = { nodeId: string; reached: number; exits: Record<string, number> };

/** Delivery counters of a send node or a template. */
export type SendFigures = { sent: number; delivered: number; failed: number; skipped: number; opened: number; clicked: number; unsubscribed: number };

const sendColumns = sql`sum(sent) AS sent, sum(delivered) AS delivered, sum(failed) AS failed, sum(skipped) AS skipped, sum(opened) AS opened, sum(clicked) AS clicked, sum(unsubscribed) AS unsubscribed`;

/** Per node of a version: reached and each exit, from the step rollup. */
export async function journeyNodeFigures(db: Db, versionId: string): Promise<JourneyNodeFigures[]> {
  const rows = await db.rows<{ nodeId: string; exit: string; visits: number }>(sql`SELECT node_id AS nodeId, exit, visits FROM journey_node_stats WHERE version_id = ${versionId} ORDER BY node_id, exit`);
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
export async function journeySendFigures(db: Db, versionId: string): Promise<(SendFigures & { nodeId: string; templateId: string })[]> {
  return await db.rows(sql`SELECT node_id AS nodeId, template_id AS templateId, ${sendColumns} FROM journey_send_stats WHERE version_id = ${versionId} GROUP BY node_id, template_id ORDER BY node_id`);
}

/** Per template, across every journey and version that sent it. */
export async function templateSendFigures(db: Db): Promise<(SendFigures & { templateId: string; templateName: string | null; journeys: number })[]> {
  return await db.rows(sql`SELECT s.template_id AS templateId, t.name AS templateName, count(DISTINCT s.journey_id) AS journeys, ${sendColumns}
    FROM journey_send_stats s LEFT JOIN templates t ON t.id = s.template_id GROUP BY s.template_id, t.name ORDER BY coalesce(t.name, s.template_id), s.template_id`);
}

/** A version of the journey: by id, by number, or (neither given) its latest published one. */
export async function versionOfJourney(db: Db, journeyId: string, pick: { versionId?: string; version?: number }): Promise<{ versionId: string; version: number } | undefined> {
  if (pick.versionId !== undefined) return (await db.rows<{ versionId: string; version: number }>(sql`SELECT id AS versionId, version FROM journey_versions WHERE journey_id = ${journeyId} AND id = ${pick.versionId}`))[0];
  if (pick.version !== undefined) return (await db.rows<{ versionId: string; version: number }>(sql`SELECT id AS versionId, version FROM journey_versions WHERE journey_id = ${journeyId} AND version = ${pick.version}`))[0];
  return (await db.rows<{ versionId: string; version: number }>(sql`SELECT id AS versionId, version FROM journey_versions WHERE journey_id = ${journeyId} ORDER BY version DESC LIMIT 1`))[0];
}
