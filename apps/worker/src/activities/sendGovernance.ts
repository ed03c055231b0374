import { claimGovernedDelivery, getWorkspaceTimeZone, loadJourneySendPolicy, loadSendPolicy, type Customer, type Db, type Delivery, type NewDelivery } from '@lifecycle/db';
import { effectiveSendPolicy, quietHoursEnd, resolveZone } from '@lifecycle/journey';
import type { SendEmailInput, SendEmailResult } from '@lifecycle/workflows/activities';

/** What the send may do: go on with its claimed delivery, or stop here with a held or skipped result. */
export type Governed = { go: true; delivery: Delivery } | { go: false; result: SendEmailResult };

/**
 * Applies the journey's send policy to a marketing send before anything is claimed: inside the customer's quiet hours
 * it is held until they end; over the frequency cap it is held until the cap frees or skipped, as the node says. The
 * cap's count and the claim are one IMMEDIATE transaction (see claimGovernedDelivery). Transactional sends are exempt.
 */
export async function governSend(db: Db, input: SendEmailInput, customer: Customer, values: NewDelivery, atMs: number): Promise<Governed> {
  const marketing = input.transactional !== true;
  const policy = marketing ? effectiveSendPolicy(await loadSendPolicy(db), await loadJourneySendPolicy(db, input.journeyId)) : null;
  if (policy?.quietHours) {
    const zone = resolveZone({ kind: 'customer' }, customer.traits, await getWorkspaceTimeZone(db));
    const endMs = quietHoursEnd(atMs, policy.quietHours, zone);
    if (endMs !== null) {
      const { start, end } = policy.quietHours;
      return { go: false, result: { status: 'held', deliveryId: values.id, reason: 'quiet_hours', until: new Date(endMs).toISOString(), zone, start, end } };
    }
  }
  const cap = policy?.frequencyCap ?? null;
  const claim = await claimGovernedDelivery(db, values, { marketing, cap, whenCapped: input.whenCapped ?? 'hold', atMs, customerId: customer.id });
  switch (claim.kind) {
    case 'claimed':
      return { go: true, delivery: claim.delivery };
    case 'held':
      return { go: false, result: { status: 'held', deliveryId: values.id, reason: 'frequency_capped', until: new Date(claim.freesAtMs).toISOString(), limit: cap!.limit, windowHours: cap!.windowHours, counted: claim.counted } };
    case 'skipped':
      return { go: false, result: { status: 'skipped', deliveryId: claim.delivery.id, reason: 'frequency_capped', cap: { limit: cap!.limit, windowHours: cap!.windowHours, counted: claim.counted } } };
    default: {
      const unknown: never = claim;
      throw new Error(`unknown claim ${JSON.stringify(unknown)}`);
    }
  }
}
