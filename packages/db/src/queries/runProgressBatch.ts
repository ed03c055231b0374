import type { Statement } from 'better-sqlite3';
import type { Db } from '../client';
import { upsertRun, type RunStepUpsert, type RunUpsert } from './runProgress';
import { preparedPerDb } from '../preparedPerDb';
import { writeTransaction } from '../writeTransaction';

/**
 * The step upsert, prepared once per database. Every step boundary of every run writes through it, and building the
 * drizzle statement per call (upsertRunStep) spent more CPU preparing SQL than writing (10% of the worker's main
 * thread in the journey bench's profile).
 */

const stepStatement = preparedPerDb(
  (db): Statement =>
    db.$client.prepare(
      `INSERT INTO run_steps (workflow_id, seq, node_id, node_type, entered_at, left_at, outcome, exit, detail, failed)
       VALUES (@workflowId, @seq, @nodeId, @nodeType, @enteredAt, @leftAt, @outcome, @exit, @detail, @failed)
       ON CONFLICT (workflow_id, seq) DO UPDATE SET node_id = excluded.node_id, node_type = excluded.node_type, entered_at = excluded.entered_at,
         left_at = excluded.left_at, outcome = excluded.outcome, exit = excluded.exit, detail = excluded.detail, failed = excluded.failed`,
    ),
);

/** What a run recorded since its last write: the run row as each record left it, and the step it opened or closed. */
export interface RunProgressRecord {
  run: RunUpsert;
  step?: Omit<RunStepUpsert, 'workflowId'> | null;
}

/**
 * Writes a run's queued progress records in one IMMEDIATE transaction: every step (keyed by workflow and seq, so a
 * retried batch lands on itself, the same row upsertRunStep writes) and the run row as the last record left it.
 */
export function writeRunProgressBatch(db: Db, records: RunProgressRecord[]): void {
  const last = records.at(-1);
  if (!last) return;
  writeTransaction(db, () => {
    upsertRun(db, last.run);
    const statement = stepStatement(db);
    for (const { run, step } of records) {
      if (!step) continue;
      statement.run({
        workflowId: run.workflowId,
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
  });
}
