import type { Db } from '../client';
import { preparedPerDb } from '../preparedPerDb';

type NodeCountRow = { nodeId: string; n: number };

const statements = preparedPerDb((db: Db) => ({
  current: db.prepare(
    `SELECT current_node_id AS nodeId, COUNT(*) AS n FROM runs
     WHERE journey_id = ? AND version_id = ? AND status IN ('running', 'waiting') AND current_node_id IS NOT NULL
     GROUP BY current_node_id`,
  ),
  passed: db.prepare(
    `SELECT s.node_id AS nodeId, COUNT(*) AS n FROM run_steps s JOIN runs r ON r.workflow_id = s.workflow_id
     WHERE r.journey_id = ? AND r.version_id = ? AND s.left_at IS NOT NULL
     GROUP BY s.node_id`,
  ),
}));

/** Per node of one published version: runs there now (`current`) and steps that left it (`passed`), by node id. */
export async function versionNodeRows(db: Db, journeyId: string, versionId: string): Promise<{ current: NodeCountRow[]; passed: NodeCountRow[] }> {
  const prepared = statements(db);
  return { current: await prepared.current.all<NodeCountRow>(journeyId, versionId), passed: await prepared.passed.all<NodeCountRow>(journeyId, versionId) };
}
