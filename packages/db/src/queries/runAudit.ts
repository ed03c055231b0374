import type { Db } from '../client';
import { preparedPerDb } from '../preparedPerDb';

/** Where a walk over one status's runs ended, in (updated_at, workflow_id) order. */
export type RunAuditCursor = { updatedAt: string; workflowId: string };
export type ActiveRunStatus = 'running' | 'waiting';

const statements = preparedPerDb((db) => {
  return {
    // runs_status_updated (status, updated_at, workflow_id): one range of the index per page.
    first: db.prepare(`SELECT workflow_id AS workflowId, updated_at AS updatedAt FROM runs WHERE status = ? AND updated_at < ? ORDER BY updated_at, workflow_id LIMIT ?`),
    after: db.prepare(
      `SELECT workflow_id AS workflowId, updated_at AS updatedAt FROM runs WHERE status = ? AND updated_at < ? AND (updated_at > ? OR (updated_at = ? AND workflow_id > ?))
       ORDER BY updated_at, workflow_id LIMIT ?`,
    ),
    close: db.prepare(
      `UPDATE runs SET status = ?, error = ?, ended_at = ?, updated_at = ?, waiting_until = NULL WHERE workflow_id = ? AND status IN ('running', 'waiting')`,
    ),
  };
});

/**
 * Runs of `status` not updated since `before` (so not moving: a wait, or a run Temporal dropped), after `cursor`, in
 * the order a walk over all of them takes, at most `limit`.
 */
export async function staleActiveRuns(db: Db, status: ActiveRunStatus, before: string, cursor: RunAuditCursor | null, limit: number): Promise<RunAuditCursor[]> {
  const prepared = statements(db);
  if (cursor === null) return await prepared.first.all<RunAuditCursor>(status, before, limit);
  return await prepared.after.all<RunAuditCursor>(status, before, cursor.updatedAt, cursor.updatedAt, cursor.workflowId, limit);
}

/**
 * Ends a run the database still shows active, with what Temporal says became of it (terminated, timed out, lost);
 * false when the run had already ended here (its own last step landed meanwhile).
 */
export async function closeRunFromTemporal(db: Db, workflowId: string, outcome: { status: 'failed' | 'cancelled'; error: string }, at: string): Promise<boolean> {
  return (await statements(db).close.run(outcome.status, outcome.error, at, at, workflowId)).changes > 0;
}
