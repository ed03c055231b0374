import { getOffer, redeemOfferCode, type Db, type NewEvent } from '@lifecycle/db';
import { HttpError, notFound } from '../errors';
import type { Redemption, RedemptionInput } from './schemas';

/** The event a product sends when a customer uses a code: `properties.code`, optionally `properties.offerId`. */
export const OFFER_REDEEMED = 'offer_redeemed';

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 100) : typeof value === 'number' ? String(value) : null);

/**
 * Marks the code of an `offer_redeemed` event used, inside ingest's transaction. Whatever the event holds (no code,
 * an unknown code, someone else's code) the attempt is recorded and ingest goes on: it never throws for bad data.
 */
export async function redeemFromEvent(db: Db, event: Pick<NewEvent, 'id' | 'type' | 'customerId' | 'properties' | 'timestamp'>): Promise<void> {
  if (event.type !== 'track') return;
  const properties = event.properties ?? {};
  const code = text(properties.code);
  if (code === null) return;
  await redeemOfferCode(db, { code, offerId: text(properties.offerId ?? properties.offer_id), customerId: event.customerId, eventId: event.id, at: event.timestamp });
}

/**
 * POST /api/offers/:id/redemptions: marks an issued code of this offer used (again: nothing changes). The attempt is
 * recorded before a refusal is answered: 404 for a code the offer does not have, 409 for one never issued or issued
 * to someone other than `customerId`.
 */
export async function redeemThroughApi(db: Db, offerId: string, input: RedemptionInput, now = new Date()): Promise<Redemption> {
  if (!(await getOffer(db, offerId))) throw notFound('offer', offerId);
  const result = await db.transaction(async () => await redeemOfferCode(db, { code: input.code, offerId, customerId: input.customerId ?? null, at: now.toISOString() }));
  switch (result.outcome) {
    case 'redeemed':
    case 'already_redeemed':
      return { outcome: result.outcome, code: result.code, offerId, customerId: result.issuedTo ?? '', redeemedAt: result.redeemedAt ?? now.toISOString() };
    case 'unknown_code':
      throw new HttpError(404, 'not_found', `code: this offer has no code "${input.code}"`, { issues: [{ path: 'code', message: `this offer has no code "${input.code}"` }] });
    case 'not_issued':
      throw new HttpError(409, 'conflict', `code: "${input.code}" has not been issued to anyone yet`, { issues: [{ path: 'code', message: 'this code has not been issued to anyone yet' }] });
    case 'other_customer':
      throw new HttpError(409, 'conflict', `code: "${input.code}" was issued to another customer`, { issues: [{ path: 'code', message: 'this code was issued to another customer' }] });
    default: {
      const unknown: never = result.outcome;
      throw new Error(`unknown redemption outcome ${String(unknown)}`);
    }
  }
}
