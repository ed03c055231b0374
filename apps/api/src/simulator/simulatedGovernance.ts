import { countedMarketingSends, getWorkspaceTimeZone, loadJourneySendPolicy, loadSendPolicy, type Db } from '@lifecycle/db';
import { capWindowMs, effectiveSendPolicy, quietHoursEnd, resolveZone } from '@lifecycle/journey';
import type { CustomerSnapshot, SendEmailInput, SendEmailResult } from '@lifecycle/workflows/activities';

/**
 * The worker's sending governance (apps/worker/src/activities/sendGovernance.ts) for a simulation: the journey's
 * quiet hours hold a marketing send until they end; its frequency cap counts the stored customer's real marketing
 * sends and the ones this simulation made, at the simulation's (time-skipped) clock. Null: the send may go.
 */
export async function simulatedGovernance(
  db: Db,
  input: SendEmailInput,
  customer: CustomerSnapshot,
  context: { realCustomer: boolean; simulatedSendsAtMs: readonly number[] },
): Promise<SendEmailResult | null> {
  if (input.transactional === true) return null;
  const atMs = input.dueAtMs ?? Date.now();
  const policy = effectiveSendPolicy(await loadSendPolicy(db), input.journeyId ? await loadJourneySendPolicy(db, input.journeyId) : null);
  if (policy.quietHours) {
    const zone = resolveZone({ kind: 'customer' }, customer.traits, await getWorkspaceTimeZone(db));
    const endMs = quietHoursEnd(atMs, policy.quietHours, zone);
    if (endMs !== null) return { status: 'held', deliveryId: `simulated/${input.nodeId}`, reason: 'quiet_hours', until: new Date(endMs).toISOString(), zone, start: policy.quietHours.start, end: policy.quietHours.end };
  }
  const cap = policy.frequencyCap;
  if (!cap) return null;
  const sinceMs = atMs - capWindowMs(cap);
  const stored = context.realCustomer ? await countedMarketingSends(db, customer.id, sinceMs) : [];
  const counted = [...stored, ...context.simulatedSendsAtMs.filter((at) => at > sinceMs && at <= atMs)].sort((a, b) => a - b);
  if (counted.length < cap.limit) return null;
  const figures = { limit: cap.limit, windowHours: cap.windowHours, counted: counted.length };
  if ((input.whenCapped ?? 'hold') === 'skip') return { status: 'skipped', deliveryId: `simulated/${input.nodeId}`, reason: 'frequency_capped', cap: figures };
  return { status: 'held', deliveryId: `simulated/${input.nodeId}`, reason: 'frequency_capped', until: new Date(counted[counted.length - cap.limit]! + capWindowMs(cap)).toISOString(), ...figures };
}
