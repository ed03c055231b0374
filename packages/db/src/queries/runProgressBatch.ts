import type { Db } from '../client';
import { upsertRun, upsertRunStep, type RunStepUpsert, type RunUpsert } from './runProgress';

/** What a run recorded since its last write: the run row as each record left it, and the step it opened or closed. */
export interface RunProgressRecord {
  run: RunUpsert;
  step?: Omit<RunStepUpsert, 'workflowId'> | null;
}

/**
 * Writes a run's queued progress records in one IMMEDIATE transaction: every step (keyed by workflow and seq, so a
 * retried batch lands on itself) and the run row as the last record left it.
 */
export async function writeRunProgressBatch(db: Db, records: RunProgressRecord[]): Promise<void> {
  const last = records.at(-1);
  if (!last) return;
  await db.transaction(async () => {
    await upsertRun(db, last.run);
    for (const { run, step } of records) if (step) await upsertRunStep(db, { ...step, workflowId: run.workflowId });
  });
}
