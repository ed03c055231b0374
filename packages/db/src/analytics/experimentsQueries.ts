import { RandomSplitNode, type NodeOf } from '@lifecycle/journey';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { endsOnWholeDay, globalControlDirectTotals, globalControlRollupTotals } from './globalControlTotals';
import { filterKeyOf } from './journeysFilterKey';

// The experiments figures of the Analytics area: random-split arms, the global control group, promotions.
export * from './experimentsSchema';
export * from './experimentsGlobalControl';

/** A range and the segment/channel filter, as every analytics figure takes them (`to` exclusive). */
export type ExperimentsFilter = { from: string; to: string; segmentId: string | null; channel: string | null };

/** A random split of a journey's latest version, with its arms as configured there. */
export type ExperimentSplit = { journeyId: string; journeyName: string; versionId: string; liveVersionId: string | null; node: NodeOf<'random_split'> };

/** Every random split in the latest version of each journey (arms are read back through the node's schema). */
export async function experimentSplits(db: Db): Promise<ExperimentSplit[]> {
  const rows = await db.rows<{ journeyId: string; journeyName: string; versionId: string; liveVersionId: string | null; graph: string }>(sql`
    SELECT j.id AS journeyId, j.name AS journeyName, v.id AS versionId, j.live_version_id AS liveVersionId, v.graph AS graph
    FROM journeys j JOIN journey_versions v ON v.journey_id = j.id
    WHERE v.version = (SELECT max(version) FROM journey_versions WHERE journey_id = j.id) AND CAST(v.graph AS TEXT) LIKE '%random_split%'
    ORDER BY j.name, j.id`);
  return rows.flatMap((row) => {
    const graph = JSON.parse(row.graph) as { nodes?: unknown[] };
    return (graph.nodes ?? []).flatMap((candidate) => {
      const parsed = RandomSplitNode.safeParse(candidate);
      return parsed.success ? [{ journeyId: row.journeyId, journeyName: row.journeyName, versionId: row.versionId, liveVersionId: row.liveVersionId, node: parsed.data }] : [];
    });
  });
}

/** Runs per arm of one split: those that took the arm in the range (its `run_steps` exit), and those of them that converted. */
export type ArmCount = { armId: string; entered: number; converted: number };

/**
 * Entered and converted per arm of a split, over runs of every version of the journey that passed the node in the
 * range: from the per-day rollup (migration 0030; a run counts once per arm, on the day of its first pass), read
 * under the filter's key so a segment or channel filter reads only its own rows.
 */
export async function experimentArmCounts(db: Db, journeyId: string, nodeId: string, filter: ExperimentsFilter): Promise<ArmCount[]> {
  return await db.rows<ArmCount>(sql`
    SELECT arm AS armId, sum(entered) AS entered, sum(converted) AS converted FROM experiment_arm_days
    WHERE filter_key = ${filterKeyOf(filter)} AND journey_id = ${journeyId} AND node_id = ${nodeId}
      AND day >= ${filter.from.slice(0, 10)} AND day < ${filter.to.slice(0, 10)}
    GROUP BY arm`);
}

/** One side of the global control comparison: customers, those with revenue in the range, and the revenue's sum and sum of squares. */
export type GlobalControlGroupTotals = { inControl: boolean; customers: number; converted: number; revenue: number; revenueSquares: number };

/**
 * Control and treatment over the assigned customers first seen before the range ends: how many had a revenue event in
 * the range, their revenue (per customer summed over the range, so the per-customer variance can be formed). From the
 * per-filter-key rollup of migration 0043 (a few thousand rows at any scale); a range not ending on a whole day is
 * computed from the customers directly.
 */
export async function globalControlTotals(db: Db, filter: ExperimentsFilter): Promise<GlobalControlGroupTotals[]> {
  const rows = endsOnWholeDay(filter) ? await globalControlRollupTotals(db, filter) : await globalControlDirectTotals(db, filter);
  return rows.map((row) => ({ ...row, inControl: row.inControl === 1 }));
}

/** A promoted winner: the version it published and the note the version history shows. */
export type ExperimentPromotion = { journeyId: string; nodeId: string; fromVersionId: string; versionId: string; armId: string; pValue: number; note: string; promotedAt: string };

/** Every promotion, newest first. */
export async function experimentPromotions(db: Db): Promise<ExperimentPromotion[]> {
  return await db.rows<ExperimentPromotion>(sql`
    SELECT journey_id AS journeyId, node_id AS nodeId, from_version_id AS fromVersionId, version_id AS versionId, arm_id AS armId,
      p_value AS pValue, note, promoted_at AS promotedAt
    FROM experiment_promotions ORDER BY promoted_at DESC`);
}

/**
 * Publishes `graph` as the journey's next version and records the promotion, in one transaction and only once per
 * split: false (nothing written) when the split was promoted already or the live version moved on meanwhile.
 */
export async function recordExperimentPromotion(
  db: Db,
  promotion: { journeyId: string; nodeId: string; fromVersionId: string; versionId: string; armId: string; pValue: number; note: string; graph: unknown; triggerEvent: string; now: Date },
): Promise<boolean> {
  return await db.transaction(async () => {
    const live = (await db.rows<{ liveVersionId: string | null }>(sql`SELECT live_version_id AS liveVersionId FROM journeys WHERE id = ${promotion.journeyId}`))[0];
    if (live?.liveVersionId !== promotion.fromVersionId) return false;
    const claimed = await db.run(sql`
      INSERT INTO experiment_promotions (journey_id, node_id, from_version_id, version_id, arm_id, p_value, note, promoted_at)
      VALUES (${promotion.journeyId}, ${promotion.nodeId}, ${promotion.fromVersionId}, ${promotion.versionId}, ${promotion.armId}, ${promotion.pValue}, ${promotion.note}, ${promotion.now.toISOString()})
      ON CONFLICT (journey_id, node_id) DO NOTHING`);
    if (claimed.changes === 0) return false;
    const next = (await db.rows<{ version: number }>(sql`SELECT coalesce(max(version), 0) + 1 AS version FROM journey_versions WHERE journey_id = ${promotion.journeyId}`))[0];
    await db.run(sql`
      INSERT INTO journey_versions (id, journey_id, version, graph, trigger_event, published_at)
      VALUES (${promotion.versionId}, ${promotion.journeyId}, ${next?.version ?? 1}, ${JSON.stringify(promotion.graph)}, ${promotion.triggerEvent}, ${promotion.now.toISOString()})`);
    await db.run(sql`UPDATE journeys SET status = 'live', live_version_id = ${promotion.versionId}, updated_at = ${promotion.now.toISOString()} WHERE id = ${promotion.journeyId}`);
    await promoteInDraft(db, promotion.journeyId, promotion.nodeId, promotion.armId);
    return true;
  });
}

/**
 * The draft's split takes the promoted arm too (at the next revision, so an editor open on the old one is told), or
 * publishing the draft later would silently undo the promotion.
 */
async function promoteInDraft(db: Db, journeyId: string, nodeId: string, armId: string): Promise<void> {
  const row = (await db.rows<{ draft: string }>(sql`SELECT draft FROM journeys WHERE id = ${journeyId}`))[0];
  if (!row) return;
  const draft = JSON.parse(row.draft) as { nodes?: { id?: unknown; type?: unknown }[] };
  if (!draft.nodes?.some((node) => node.id === nodeId && node.type === 'random_split')) return;
  const nodes = draft.nodes.map((node) => (node.id === nodeId && node.type === 'random_split' ? { ...node, promotedArm: armId } : node));
  await db.run(sql`UPDATE journeys SET draft = ${JSON.stringify({ ...draft, nodes })}, revision = revision + 1 WHERE id = ${journeyId}`);
}
