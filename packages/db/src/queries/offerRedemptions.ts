import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { offerRedemptions } from '../offerRedemptionSchema';
import { offerCodes } from '../schema';

export type RedemptionOutcome = (typeof offerRedemptions.$inferSelect)['outcome'];

export interface RedemptionRequest {
  code: string;
  /** Narrows the search to one offer (the same code may exist in two offers). */
  offerId?: string | null;
  /** Who is redeeming: a code given to someone else does not match. Absent: whoever it was issued to. */
  customerId?: string | null;
  /** The `offer_redeemed` event this comes from, if any. */
  eventId?: string | null;
  /** ISO time of the redemption. */
  at: string;
}

export interface Redemption {
  outcome: RedemptionOutcome;
  code: string;
  offerId: string | null;
  /** Whom the code was issued to (null when unknown or never issued). */
  issuedTo: string | null;
  redeemedAt: string | null;
}

type CodeRow = { id: number; offerId: string; customerId: string | null; grantedAt: string | null; redeemedAt: string | null };

/** The code's row: the one issued to this customer when the code exists in several offers, else the latest issued. */
async function findCode(db: Db, request: RedemptionRequest): Promise<CodeRow | undefined> {
  // Ordering by a constant would name a column by number, so "this customer's first" is only added when there is one.
  const order = request.customerId ? [desc(sql`(${offerCodes.customerId} = ${request.customerId})`), desc(offerCodes.grantedAt)] : [desc(offerCodes.grantedAt)];
  return (await db
    .select({ id: offerCodes.id, offerId: offerCodes.offerId, customerId: offerCodes.customerId, grantedAt: offerCodes.grantedAt, redeemedAt: offerCodes.redeemedAt })
    .from(offerCodes)
    .where(and(eq(offerCodes.code, request.code), request.offerId ? eq(offerCodes.offerId, request.offerId) : undefined))
    .orderBy(...order)
    .limit(1))[0];
}

async function decide(db: Db, row: CodeRow | undefined, request: RedemptionRequest): Promise<Redemption> {
  const base = { code: request.code, offerId: row?.offerId ?? request.offerId ?? null, issuedTo: row?.customerId ?? null };
  if (!row) return { ...base, outcome: 'unknown_code', redeemedAt: null };
  if (row.grantedAt === null || row.customerId === null) return { ...base, outcome: 'not_issued', redeemedAt: null };
  if (request.customerId && row.customerId !== request.customerId) return { ...base, outcome: 'other_customer', redeemedAt: null };
  if (row.redeemedAt !== null) return { ...base, outcome: 'already_redeemed', redeemedAt: row.redeemedAt };
  await db.update(offerCodes).set({ redeemedAt: request.at }).where(and(eq(offerCodes.id, row.id), isNull(offerCodes.redeemedAt)));
  return { ...base, outcome: 'redeemed', redeemedAt: request.at };
}

/**
 * Marks an issued code used and records the attempt, whatever its outcome: an unknown code, one never issued or
 * issued to someone else is recorded as not matching and changes nothing; a code already used stays as it was
 * (idempotent). Run it inside the caller's write transaction.
 */
export async function redeemOfferCode(db: Db, request: RedemptionRequest): Promise<Redemption> {
  const redemption = await decide(db, await findCode(db, request), request);
  await db.insert(offerRedemptions)
    .values({ code: request.code, offerId: redemption.offerId, customerId: request.customerId ?? redemption.issuedTo, eventId: request.eventId ?? null, outcome: redemption.outcome, at: request.at })
    .onConflictDoNothing();
  return redemption;
}

/** The latest redemption attempts of an offer, newest first. */
export async function listRedemptionAttempts(db: Db, offerId: string, limit = 50) {
  return await db.select().from(offerRedemptions).where(eq(offerRedemptions.offerId, offerId)).orderBy(desc(offerRedemptions.id)).limit(limit);
}
