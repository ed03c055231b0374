import { versionNodeRows, type Db } from '@lifecycle/db';

/** Per node of one published version: customers there now, and how many have left it (passed through). */
export type NodeCounts = Record<string, { current: number; passed: number }>;

/** GET /api/journeys/:id/versions/:versionId/counts → `{ counts }`. */
export async function countNodes(db: Db, journeyId: string, versionId: string): Promise<{ counts: NodeCounts }> {
  const { current, passed } = await versionNodeRows(db, journeyId, versionId);
  const counts: NodeCounts = {};
  for (const row of current) (counts[row.nodeId] ??= { current: 0, passed: 0 }).current = row.n;
  for (const row of passed) (counts[row.nodeId] ??= { current: 0, passed: 0 }).passed = row.n;
  return { counts };
}
