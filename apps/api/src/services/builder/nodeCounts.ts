import type { Db } from '@lifecycle/db';

/** Per node of one published version: customers there now, and how many have left it (passed through). */
export type NodeCounts = Record<string, { current: number; passed: number }>;

/** GET /api/journeys/:id/versions/:versionId/counts → `{ counts }`. */
export function countNodes(db: Db, journeyId: string, versionId: string): { counts: NodeCounts } {
  const sqlite = db.$client;
  const current = sqlite
    .prepare(
      `SELECT current_node_id AS nodeId, COUNT(*) AS n FROM runs
       WHERE journey_id = ? AND version_id = ? AND status IN ('running', 'waiting') AND current_node_id IS NOT NULL
       GROUP BY current_node_id`,
    )
    .all(journeyId, versionId) as { nodeId: string; n: number }[];
  const passed = sqlite
    .prepare(
      `SELECT s.node_id AS nodeId, COUNT(*) AS n FROM run_steps s JOIN runs r ON r.workflow_id = s.workflow_id
       WHERE r.journey_id = ? AND r.version_id = ? AND s.left_at IS NOT NULL
       GROUP BY s.node_id`,
    )
    .all(journeyId, versionId) as { nodeId: string; n: number }[];
  const counts: NodeCounts = {};
  for (const row of current) (counts[row.nodeId] ??= { current: 0, passed: 0 }).current = row.n;
  for (const row of passed) (counts[row.nodeId] ??= { current: 0, passed: 0 }).passed = row.n;
  return { counts };
}
