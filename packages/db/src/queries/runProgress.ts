import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { recordConversion } from '../analytics/conversions';
import { runs, runSteps } from '../schema';

export type RunRow = typeof runs.$inferSelect;
export type RunUpsert = Omit<typeof runs.$inferInsert, 'updatedAt'>;
export type RunStepRow = typeof runSteps.$inferSelect;
export type RunStepUpsert = Omit<typeof runSteps.$inferInsert, 'id'>;

const nowSql = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** Creates the run row or updates its moving parts (status, position, wait, error, end). */
export function upsertRun(db: Db, run: RunUpsert): void {
  db.insert(runs)
    .values(run)
    .onConflictDoUpdate({
      target: runs.workflowId,
      set: {
        status: run.status,
        currentNodeId: run.currentNodeId ?? null,
        waitingUntil: run.waitingUntil ?? null,
        error: run.error ?? null,
        endedAt: run.endedAt ?? null,
        // Records made before failures were counted carry no count: they keep the stored one.
        ...(run.failedSteps !== undefined ? { failedSteps: run.failedSteps } : {}),
        updatedAt: nowSql,
      },
    })
    .run();
  if (run.status === 'converted') {
    recordConversion(db, { workflowId: run.workflowId, journeyId: run.journeyId, versionId: run.versionId, customerId: run.customerId, startedAt: run.startedAt, convertedAt: run.endedAt ?? new Date().toISOString() });
  }
}

/** Creates or overwrites the step at (workflowId, seq), so a retried record lands on itself. */
export function upsertRunStep(db: Db, step: RunStepUpsert): void {
  db.insert(runSteps)
    .values(step)
    .onConflictDoUpdate({
      target: [runSteps.workflowId, runSteps.seq],
      set: {
        nodeId: step.nodeId,
        nodeType: step.nodeType,
        enteredAt: step.enteredAt,
        leftAt: step.leftAt ?? null,
        outcome: step.outcome ?? null,
        exit: step.exit ?? null,
        detail: step.detail ?? null,
        failed: step.failed ?? false,
      },
    })
    .run();
}

/** Upserts the run and, when given, one step, in one transaction. Idempotent. */
export function recordRunProgress(db: Db, run: RunUpsert, step?: Omit<RunStepUpsert, 'workflowId'>): void {
  // better-sqlite3 has one connection, so statements issued through `db` inside the callback are part of it.
  db.transaction(() => {
    upsertRun(db, run);
    if (step) upsertRunStep(db, { ...step, workflowId: run.workflowId });
  });
}
