import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { outboundCalls, type OutboundCall } from '../actionNodesSchema';
import { customerHealth } from '../analytics/healthSchema';

/**
 * Counts one more attempt of a logical call, creating its row on the first; the row as it is now. A finished call
 * (`succeeded`/`failed`) is returned unchanged, so a retry after the result was stored does not call again.
 */
export async function beginOutboundAttempt(db: Db, call: { idempotencyKey: string; kind: OutboundCall['kind']; workflowId: string; nodeId: string; target: string; at: string }): Promise<OutboundCall> {
  return await db.transaction(async () => {
    await db.insert(outboundCalls)
      .values({ ...call, attempts: 1, firstAt: call.at, lastAt: call.at })
      .onConflictDoUpdate({
        target: outboundCalls.idempotencyKey,
        set: { attempts: sql`CASE WHEN ${outboundCalls.outcome} = 'pending' THEN ${outboundCalls.attempts} + 1 ELSE ${outboundCalls.attempts} END`, lastAt: call.at },
      });
    return (await db.select().from(outboundCalls).where(eq(outboundCalls.idempotencyKey, call.idempotencyKey)).limit(1))[0] as OutboundCall;
  });
}

/** Records an attempt that did not finish the call (a 5xx, no answer): the call stays pending. */
export async function noteOutboundError(db: Db, idempotencyKey: string, error: { status: number | null; message: string }): Promise<void> {
  await db.transaction(async () => {
    await db.update(outboundCalls).set({ lastStatus: error.status, lastError: error.message.slice(0, 500) }).where(eq(outboundCalls.idempotencyKey, idempotencyKey));
  });
}

/** Finishes the call with its result (kept as JSON for retries of the activity). */
export async function finishOutboundCall(db: Db, idempotencyKey: string, finish: { outcome: 'succeeded' | 'failed'; status: number | null; error: string | null; result: unknown }): Promise<void> {
  await db.transaction(async () => {
    await db.update(outboundCalls)
      .set({ outcome: finish.outcome, lastStatus: finish.status, lastError: finish.error?.slice(0, 500) ?? null, result: JSON.stringify(finish.result) })
      .where(eq(outboundCalls.idempotencyKey, idempotencyKey));
  });
}

/** The calls a run's step made, for tests and the run page. */
export async function outboundCallsOf(db: Db, workflowId: string, nodeId: string): Promise<OutboundCall[]> {
  return await db.select().from(outboundCalls).where(and(eq(outboundCalls.workflowId, workflowId), eq(outboundCalls.nodeId, nodeId)));
}

/** A customer's current health score and band, or null before they were scored (for team notes). */
export async function currentHealthOf(db: Db, customerId: string): Promise<{ score: number; band: string } | null> {
  return (await db.select({ score: customerHealth.score, band: customerHealth.band }).from(customerHealth).where(eq(customerHealth.customerId, customerId)).limit(1))[0] ?? null;
}
