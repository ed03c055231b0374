import type { RawStatement } from '../access/rawStatement';
import type { Db } from '../client';
import { recordConversion } from '../analytics/conversions';
import { runs, runSteps } from '../schema';
import { preparedPerDb } from '../preparedPerDb';

export type RunRow = typeof runs.$inferSelect;
export type RunUpsert = Omit<typeof runs.$inferInsert, 'updatedAt'>;
export type RunStepRow = typeof runSteps.$inferSelect;
export type RunStepUpsert = Omit<typeof runSteps.$inferInsert, 'id'>;

const NOW = `(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/**
 * The run upsert, prepared once per database: every step a worker records passes here, and building the drizzle
 * statement per call cost more than the write. Records made before failures were counted carry no count
 * (`failedSteps` null): a new row takes the column's 0, an existing one keeps the stored count.
 */
const upsertStatement = preparedPerDb(
  (db): RawStatement =>
    db.prepare(
      `INSERT INTO runs (workflow_id, journey_id, version_id, customer_id, trigger_event_id, status, current_node_id, waiting_until, error, failed_steps, started_at, ended_at)
       VALUES (@workflowId, @journeyId, @versionId, @customerId, @triggerEventId, @status, @currentNodeId, @waitingUntil, @error, coalesce(@failedSteps, 0), @startedAt, @endedAt)
       ON CONFLICT (workflow_id) DO UPDATE SET version_id = excluded.version_id, status = excluded.status, current_node_id = excluded.current_node_id, waiting_until = excluded.waiting_until,
         error = excluded.error, ended_at = excluded.ended_at, failed_steps = coalesce(@failedSteps, runs.failed_steps), updated_at = ${NOW}`,
    ),
);

/** Creates the run row or updates its moving parts (version, moved by a migration; status, position, wait, error, end). */
export async function upsertRun(db: Db, run: RunUpsert): Promise<void> {
  await upsertStatement(db).run({
    workflowId: run.workflowId,
    journeyId: run.journeyId,
    versionId: run.versionId,
    customerId: run.customerId,
    triggerEventId: run.triggerEventId ?? null,
    status: run.status,
    currentNodeId: run.currentNodeId ?? null,
    waitingUntil: run.waitingUntil ?? null,
    error: run.error ?? null,
    failedSteps: run.failedSteps ?? null,
    startedAt: run.startedAt,
    endedAt: run.endedAt ?? null,
  });
  if (run.status === 'converted') {
    await recordConversion(db, { workflowId: run.workflowId, journeyId: run.journeyId, versionId: run.versionId, customerId: run.customerId, startedAt: run.startedAt, convertedAt: run.endedAt ?? new Date().toISOString() });
  }
}

/**
 * The step upsert, prepared once per database: every step boundary of every run writes through it, and building the
 * drizzle statement per call spent more CPU preparing SQL than writing (10% of the worker's main thread in the journey
 * bench's profile).
 */
const stepStatement = preparedPerDb(
  (db): RawStatement =>
    db.prepare(
      `INSERT INTO run_steps (workflow_id, seq, node_id, node_type, entered_at, left_at, outcome, exit, detail, failed)
       VALUES (@workflowId, @seq, @nodeId, @nodeType, @enteredAt, @leftAt, @outcome, @exit, @detail, @failed)
       ON CONFLICT (workflow_id, seq) DO UPDATE SET node_id = excluded.node_id, node_type = excluded.node_type, entered_at = excluded.entered_at,
         left_at = excluded.left_at, outcome = excluded.outcome, exit = excluded.exit, detail = excluded.detail, failed = excluded.failed`,
    ),
);

/** Creates or overwrites the step at (workflowId, seq), so a retried record lands on itself. */
export async function upsertRunStep(db: Db, step: RunStepUpsert): Promise<void> {
  await stepStatement(db).run({
    workflowId: step.workflowId,
    seq: step.seq,
    nodeId: step.nodeId,
    nodeType: step.nodeType,
    enteredAt: step.enteredAt,
    leftAt: step.leftAt ?? null,
    outcome: step.outcome ?? null,
    exit: step.exit ?? null,
    detail: step.detail === null || step.detail === undefined ? null : JSON.stringify(step.detail),
    failed: step.failed ? 1 : 0,
  });
}

/** Upserts the run and, when given, one step, in one transaction. Idempotent. */
export async function recordRunProgress(db: Db, run: RunUpsert, step?: Omit<RunStepUpsert, 'workflowId'>): Promise<void> {
  await db.transaction(async () => {
    await upsertRun(db, run);
    if (step) await upsertRunStep(db, { ...step, workflowId: run.workflowId });
  });
}
