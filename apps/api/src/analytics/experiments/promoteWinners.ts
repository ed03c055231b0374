import { randomUUID } from 'node:crypto';
import { experimentSplits, getJourneyVersion, recordExperimentPromotion, type Db } from '@lifecycle/db';
import type { AnalyticsSettings } from '@lifecycle/journey';
import { formatP, splitResult } from './armResults';

/** All of a split's history counts toward promoting its winner, not the range a page happens to show. */
const ALL_TIME = { from: '0000-01-01T00:00:00.000Z', to: '9999-12-31T00:00:00.000Z', segmentId: null, channel: null };

/**
 * For each live split set to promote its winner: once a winner is named, publishes the next version with the split
 * sending every new entry to it (runs in flight keep their version), noted in the version history. Runs in the
 * lifecycle sweep, one process at a time; the promotion row makes it happen once per split.
 */
export async function promoteWinners(db: Db, settings: AnalyticsSettings, now: Date): Promise<number> {
  let promoted = 0;
  for (const split of await experimentSplits(db)) {
    if (split.node.autoPromote !== true || split.node.promotedArm !== undefined || split.liveVersionId !== split.versionId) continue;
    const result = await splitResult(db, split, ALL_TIME, settings.experimentMinEntries);
    if (result.winner === null) continue;
    const winner = result.arms.find((arm) => arm.armId === result.winner);
    const challengers = result.arms.filter((arm) => !arm.baseline).map((arm) => arm.pValue ?? 1);
    const pValue = winner?.baseline ? Math.max(...challengers) : (winner?.pValue ?? 1);
    const version = await getJourneyVersion(db, split.journeyId, split.versionId);
    if (!version) continue;
    const graph = version.graph as { nodes: { id: string }[] };
    const nodes = graph.nodes.map((node) => (node.id === split.node.id ? { ...node, promotedArm: result.winner } : node));
    const note = `winner promoted: arm ${winner?.label ?? result.winner}, p = ${formatP(pValue)}`;
    const done = await recordExperimentPromotion(db, {
      journeyId: split.journeyId,
      nodeId: split.node.id,
      fromVersionId: split.versionId,
      versionId: randomUUID(),
      armId: result.winner,
      pValue,
      note,
      graph: { ...graph, nodes },
      triggerEvent: version.triggerEvent,
      now,
    });
    if (done) promoted += 1;
  }
  return promoted;
}
