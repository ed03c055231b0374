import { randomBytes, randomUUID } from 'node:crypto';
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import type { Db } from '../client';
import { offerCodes, offers } from '../schema';
import { deleteUnlessUsed, type GuardedDelete } from './journeyReferences';

export type Offer = typeof offers.$inferSelect;
export type NewOffer = Omit<typeof offers.$inferInsert, 'id' | 'createdAt'> & { id?: string };

/** What a grant hands out; the same shape the journey activities return. */
export type OfferGrant =
  | { status: 'granted'; offerId: string; name: string; code: string; expiresAt: string | null }
  | { status: 'unavailable'; reason: 'unknown_offer' | 'pool_exhausted' | 'expired' };

export interface GrantRequest {
  offerId: string;
  workflowId: string;
  nodeId: string;
  customerId: string;
  /** ISO time of the grant (the activity's clock). */
  at: string;
}

/** Creates an offer (a fresh id unless given). */
export function createOffer(db: Db, offer: NewOffer): Offer {
  return db
    .insert(offers)
    .values({ ...offer, id: offer.id ?? randomUUID() })
    .returning()
    .get();
}

/** The offer, or undefined. */
export function getOffer(db: Db, id: string): Offer | undefined {
  return db.select().from(offers).where(eq(offers.id, id)).get();
}

/** Deletes an offer and its codes unless a live version, or a version with runs in flight, grants it. */
export function deleteOfferUnlessUsed(db: Db, id: string): GuardedDelete {
  return deleteUnlessUsed(db, { nodeType: 'offer', offerId: id }, () => db.delete(offers).where(eq(offers.id, id)).run().changes > 0);
}

/** Every offer, oldest first. */
export function listOffers(db: Db): Offer[] {
  return db.select().from(offers).orderBy(asc(offers.createdAt)).all();
}

/** Adds codes to an offer's pool, ignoring blanks and codes it already has; returns how many were new. */
export function addOfferCodes(db: Db, offerId: string, codes: readonly string[]): number {
  const unique = [...new Set(codes.map((code) => code.trim()).filter((code) => code.length > 0))];
  if (unique.length === 0) return 0;
  // One prepared statement in one transaction: 100k codes in ~0.1 s, where building a query per batch took ~8 s.
  const insert = db.$client.prepare('insert into offer_codes (offer_id, code) values (?, ?) on conflict do nothing');
  return db.$client.transaction(() => unique.reduce((added, code) => added + insert.run(offerId, code).changes, 0))();
}

/** How many pool codes are still free to grant. */
export function countFreeCodes(db: Db, offerId: string): number {
  const row = db
    .select({ free: count() })
    .from(offerCodes)
    .where(and(eq(offerCodes.offerId, offerId), isNull(offerCodes.grantedAt)))
    .get();
  return row?.free ?? 0;
}

const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Eight base32 characters from 40 random bits. */
function randomSuffix(): string {
  const bits = randomBytes(5).reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
  let out = '';
  for (let i = 7; i >= 0; i--) out += base32[Number((bits >> BigInt(i * 5)) & 31n)];
  return out;
}

function granted(offer: Offer, code: string): OfferGrant {
  return { status: 'granted', offerId: offer.id, name: offer.name, code, expiresAt: offer.expiresAt };
}

function takePoolCode(db: Db, offer: Offer, request: GrantRequest): OfferGrant {
  const free = db
    .select({ id: offerCodes.id, code: offerCodes.code })
    .from(offerCodes)
    .where(and(eq(offerCodes.offerId, offer.id), isNull(offerCodes.grantedAt)))
    .orderBy(asc(offerCodes.id))
    .limit(1)
    .get();
  if (!free) return { status: 'unavailable', reason: 'pool_exhausted' };
  db.update(offerCodes)
    .set({ customerId: request.customerId, workflowId: request.workflowId, nodeId: request.nodeId, grantedAt: request.at })
    .where(eq(offerCodes.id, free.id))
    .run();
  return granted(offer, free.code);
}

function generateCode(db: Db, offer: Offer, request: GrantRequest): OfferGrant {
  const prefix = (offer.codePrefix ?? 'OFFER').trim() || 'OFFER';
  // 40 random bits make a clash rare; the unique index makes it impossible, so just draw again.
  for (;;) {
    const code = `${prefix}-${randomSuffix()}`;
    const inserted = db
      .insert(offerCodes)
      .values({ offerId: offer.id, code, customerId: request.customerId, workflowId: request.workflowId, nodeId: request.nodeId, grantedAt: request.at })
      .onConflictDoNothing({ target: [offerCodes.offerId, offerCodes.code] })
      .run();
    if (inserted.changes > 0) return granted(offer, code);
  }
}

/**
 * Grants at most one code per (workflowId, nodeId), in one immediate transaction: a retried grant gets the
 * code it got before, a pool code is never handed out twice, and an expired offer is unavailable.
 */
export function grantOfferCode(db: Db, request: GrantRequest): OfferGrant {
  return db.transaction(
    () => {
      const previous = db
        .select({ offerId: offerCodes.offerId, code: offerCodes.code })
        .from(offerCodes)
        .where(and(eq(offerCodes.workflowId, request.workflowId), eq(offerCodes.nodeId, request.nodeId)))
        .get();
      const offer = getOffer(db, previous?.offerId ?? request.offerId);
      if (!offer) return { status: 'unavailable', reason: 'unknown_offer' } as const;
      if (previous) return granted(offer, previous.code);
      if (offer.expiresAt !== null && Date.parse(offer.expiresAt) <= Date.parse(request.at)) return { status: 'unavailable', reason: 'expired' } as const;
      return offer.codeSource === 'pool' ? takePoolCode(db, offer, request) : generateCode(db, offer, request);
    },
    { behavior: 'immediate' },
  );
}
