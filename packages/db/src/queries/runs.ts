import { and, asc, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { runs, runSteps } from '../schema';

export type Run = typeof runs.$inferSelect;
export type RunStep = typeof runSteps.$inferSelect;
export type RunFilter = { journeyId?: string; status?: Run['status']; customerId?: string };
/** Where a page of runs ended: runs are listed newest first by (startedAt, workflowId). */
export type RunCursor = { startedAt: string; workflowId: string };

/** Inserts the run row when the dispatcher starts a run; an existing row (the worker was faster) is kept. */
export async function insertRunIfAbsent(db: Db, run: typeof runs.$inferInsert): Promise<void> {
  await db.insert(runs).values(run).onConflictDoNothing({ target: runs.workflowId });
}

/** The run, or undefined. */
export async function getRun(db: Db, workflowId: string): Promise<Run | undefined> {
  return (await db.select().from(runs).where(eq(runs.workflowId, workflowId)).limit(1))[0];
}

/** A page of runs, newest first, after the cursor when given. */
export async function listRuns(db: Db, filter: RunFilter, limit: number, after?: RunCursor): Promise<Run[]> {
  const conditions: SQL[] = [];
  if (filter.journeyId) conditions.push(eq(runs.journeyId, filter.journeyId));
  if (filter.status) conditions.push(eq(runs.status, filter.status));
  if (filter.customerId) conditions.push(eq(runs.customerId, filter.customerId));
  if (after) {
    const older = or(lt(runs.startedAt, after.startedAt), and(eq(runs.startedAt, after.startedAt), lt(runs.workflowId, after.workflowId)));
    if (older) conditions.push(older);
  }
  return await db
    .select()
    .from(runs)
    .where(and(...conditions))
    .orderBy(desc(runs.startedAt), desc(runs.workflowId))
    .limit(limit);
}

/** The steps a run took, in order. */
export async function listRunSteps(db: Db, workflowId: string): Promise<RunStep[]> {
  return await db.select().from(runSteps).where(eq(runSteps.workflowId, workflowId)).orderBy(asc(runSteps.seq));
}

/** When the customer last entered the journey (ISO), or undefined if never. */
export async function latestRunStart(db: Db, journeyId: string, customerId: string): Promise<string | undefined> {
  return (await db
    .select({ startedAt: runs.startedAt })
    .from(runs)
    .where(and(eq(runs.journeyId, journeyId), eq(runs.customerId, customerId)))
    .orderBy(desc(runs.startedAt))
    .limit(1))[0]?.startedAt;
}
