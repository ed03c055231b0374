import { and, asc, count, desc, eq, gt, gte, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../client';
import { runFailures } from '../monitorSchema';
import { deliveries, offerCodes, offers, runs } from '../schema';

export type RunFailure = typeof runFailures.$inferSelect;
type RunRow = typeof runs.$inferSelect;

/** A run that went wrong: it ended `failed`, or one of its steps failed for good while it went on. */
export const runHasFailures = or(eq(runs.status, 'failed'), gt(runs.failedSteps, 0));

/** What the runs monitor filters by; every field is optional and they combine with AND. */
export type RunsFilter = {
  journeyId?: string;
  versionId?: string;
  status?: RunRow['status'];
  currentNodeId?: string;
  customerId?: string;
  startedAfter?: string;
  startedBefore?: string;
  /** Only runs that went wrong: ended `failed`, or had a step whose side effect failed (a send that failed). */
  withFailures?: boolean;
};
export type RunsSort = { by: 'startedAt' | 'updatedAt'; direction: 'asc' | 'desc' };
/** Where a page ended: the sort column's value and the workflow id of the last run. */
export type RunsKey = { value: string; workflowId: string };

function filterConditions(filter: RunsFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.journeyId) conditions.push(eq(runs.journeyId, filter.journeyId));
  if (filter.versionId) conditions.push(eq(runs.versionId, filter.versionId));
  if (filter.status) conditions.push(eq(runs.status, filter.status));
  if (filter.currentNodeId) conditions.push(eq(runs.currentNodeId, filter.currentNodeId));
  if (filter.customerId) conditions.push(eq(runs.customerId, filter.customerId));
  if (filter.startedAfter) conditions.push(gte(runs.startedAt, filter.startedAfter));
  if (filter.startedBefore) conditions.push(lt(runs.startedAt, filter.startedBefore));
  if (filter.withFailures && runHasFailures) conditions.push(runHasFailures);
  return conditions;
}

/** A page of runs in the given order, after `after` (keyset: stays fast however deep the page, see migration 0002's indexes). */
export async function listRunsPage(db: Db, filter: RunsFilter, sort: RunsSort, limit: number, after?: RunsKey): Promise<RunRow[]> {
  const column = sort.by === 'startedAt' ? runs.startedAt : runs.updatedAt;
  const conditions = filterConditions(filter);
  if (after) {
    const beyond = sort.direction === 'desc' ? lt : gt;
    const keyset = or(beyond(column, after.value), and(eq(column, after.value), beyond(runs.workflowId, after.workflowId)));
    if (keyset) conditions.push(keyset);
  }
  const order = sort.direction === 'desc' ? [desc(column), desc(runs.workflowId)] : [asc(column), asc(runs.workflowId)];
  return await db.select().from(runs).where(and(...conditions)).orderBy(...order).limit(limit);
}

/** How many runs match the filter, per status (statuses with none are absent). */
export async function countRunsByStatus(db: Db, filter: RunsFilter): Promise<Partial<Record<RunRow['status'], number>>> {
  const rows = await db.select({ status: runs.status, n: count() }).from(runs).where(and(...filterConditions(filter))).groupBy(runs.status);
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}

/** How many runs match the filter and went wrong (ended `failed` or have a failed step). */
export async function countRunsWithFailures(db: Db, filter: RunsFilter): Promise<number> {
  return (await db.select({ n: count() }).from(runs).where(and(...filterConditions(filter), runHasFailures)).limit(1))[0]?.n ?? 0;
}

/** Workflow ids of the runs matching the filter that have not ended (what a bulk cancel acts on). */
export async function activeRunIdsMatching(db: Db, filter: RunsFilter): Promise<string[]> {
  const active = or(eq(runs.status, 'running'), eq(runs.status, 'waiting'));
  return (await db
    .select({ workflowId: runs.workflowId })
    .from(runs)
    .where(and(...filterConditions(filter), active)))
    .map((row) => row.workflowId);
}

/** Records a failed activity attempt (the worker calls it on every failure); the first failure's time is kept. */
export async function recordActivityFailure(db: Db, failure: Omit<RunFailure, 'firstFailedAt' | 'resolvedAt'>): Promise<void> {
  await db.insert(runFailures)
    .values({ ...failure, firstFailedAt: failure.lastFailedAt, resolvedAt: null })
    .onConflictDoUpdate({
      target: [runFailures.workflowId, runFailures.activityId],
      set: { attempt: failure.attempt, error: failure.error, lastFailedAt: failure.lastFailedAt, resolvedAt: null },
    });
}

/** Marks an activity's failures resolved (a later attempt succeeded). Returns whether there was one open. */
export async function resolveActivityFailure(db: Db, workflowId: string, activityId: string, at: string): Promise<boolean> {
  const result = await db.run(
    db
      .update(runFailures)
      .set({ resolvedAt: at })
      .where(and(eq(runFailures.workflowId, workflowId), eq(runFailures.activityId, activityId), isNull(runFailures.resolvedAt))),
  );
  return result.changes > 0;
}

/** Open failures (activities still retrying) of runs that have not ended, oldest first, with the run's journey. */
export async function openActivityFailures(db: Db, limit = 100) {
  return await db
    .select({ failure: runFailures, journeyId: runs.journeyId, status: runs.status, currentNodeId: runs.currentNodeId })
    .from(runFailures)
    .innerJoin(runs, eq(runs.workflowId, runFailures.workflowId))
    .where(and(isNull(runFailures.resolvedAt), or(eq(runs.status, 'running'), eq(runs.status, 'waiting'))))
    .orderBy(asc(runFailures.firstFailedAt))
    .limit(limit);
}

/** Every failure recorded for a run, newest first. */
export async function failuresOfRun(db: Db, workflowId: string): Promise<RunFailure[]> {
  return await db.select().from(runFailures).where(eq(runFailures.workflowId, workflowId)).orderBy(desc(runFailures.lastFailedAt));
}

/** Runs started since `since` that went wrong (ended failed, or a step failed), newest first, with their error. */
export async function recentFailedRuns(db: Db, since: string, limit = 50): Promise<RunRow[]> {
  return await db
    .select()
    .from(runs)
    .where(and(runHasFailures, gte(runs.startedAt, since)))
    .orderBy(desc(runs.startedAt))
    .limit(limit);
}

/** The offer codes a run was granted. */
export async function offerCodesOfRun(db: Db, workflowId: string) {
  return await db
    .select({ code: offerCodes.code, offerId: offerCodes.offerId, offerName: offers.name, nodeId: offerCodes.nodeId, grantedAt: offerCodes.grantedAt })
    .from(offerCodes)
    .innerJoin(offers, eq(offers.id, offerCodes.offerId))
    .where(eq(offerCodes.workflowId, workflowId));
}

const hourOf = (column: AnySQLiteColumn) => sql<string>`substr(${column}, 1, 13)`;

/** Per hour (`YYYY-MM-DDTHH`, UTC) since `since`: how many rows have `column` in that hour. Uses the column's index. */
async function perHour(db: Db, table: typeof runs | typeof deliveries, column: AnySQLiteColumn, since: string, extra?: SQL) {
  return await db
    .select({ hour: hourOf(column), n: count() })
    .from(table)
    .where(and(gte(column, since), extra))
    .groupBy(hourOf(column));
}

/**
 * Runs started, ended well and ended with failures per hour since `since`. A run that completed with a failed
 * step counts as failed, not completed: someone has to look at it.
 */
export async function runsPerHour(db: Db, since: string) {
  const endedWell = and(or(eq(runs.status, 'completed'), eq(runs.status, 'converted')), eq(runs.failedSteps, 0));
  return {
    started: await perHour(db, runs, runs.startedAt, since),
    completed: await perHour(db, runs, runs.endedAt, since, endedWell),
    failed: await perHour(db, runs, runs.endedAt, since, runHasFailures),
  };
}

/** How many runs started since `since` went wrong (ended failed, or a step failed), whatever their status now. */
export async function failedRunCountSince(db: Db, since: string): Promise<number> {
  return (await db.select({ n: count() }).from(runs).where(and(runHasFailures, gte(runs.startedAt, since))).limit(1))[0]?.n ?? 0;
}

/** Emails sent, opened and clicked per hour since `since`. */
export async function emailsPerHour(db: Db, since: string) {
  return {
    sent: await perHour(db, deliveries, deliveries.sentAt, since),
    opened: await perHour(db, deliveries, deliveries.openedAt, since),
    clicked: await perHour(db, deliveries, deliveries.clickedAt, since),
  };
}

/** Runs per status over the whole table (a covering-index scan). */
export async function runsByStatus(db: Db): Promise<{ status: RunRow['status']; n: number }[]> {
  return await db.select({ status: runs.status, n: count() }).from(runs).groupBy(runs.status);
}

/** Deliveries per status over the whole table. */
export async function deliveriesByStatus(db: Db): Promise<{ status: string; n: number }[]> {
  return await db.select({ status: deliveries.status, n: count() }).from(deliveries).groupBy(deliveries.status);
}

/** Runs marked running whose row has not moved since `before`: work Temporal may not have picked up. */
export async function staleRunningRuns(db: Db, before: string): Promise<number> {
  return (await db.select({ n: count() }).from(runs).where(and(eq(runs.status, 'running'), lte(runs.updatedAt, before))).limit(1))[0]?.n ?? 0;
}

/** How many activity failures are open now. */
export async function openFailureCount(db: Db): Promise<number> {
  return (await db.select({ n: count() }).from(runFailures).where(isNull(runFailures.resolvedAt)).limit(1))[0]?.n ?? 0;
}
