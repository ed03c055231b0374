import { randomBytes, randomUUID } from 'node:crypto';
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import type { Db } from '../client';
import { offerCodes, offers } from '../schema';
import { deleteUnlessUsed, type GuardedDelete } from './journeyReferences';

export type Offer = typeof offers.$inferSelect;
export type NewOffer = Omit<typeof offers.$inferInsert, 'id' | 'createdAt'> & { id?: string };

/** What a grant hands out; the same shape the journey activities return. */
export type OfferGrant =
  | ({ status: 'granted'; offerId: string; name: string; code: string; expiresAt: string | null } & OfferTerms)
  | { status: 'unavailable'; reason: 'unknown_offer' | 'pool_exhausted' | 'expired' };

/**
 * What a template can say about the offer besides its code (`{{ offer.discount }}`, `{{ offer.description }}`):
 * `discount` is ready to print ("20%", "€10.00"); the kind, value and currency are there for Liquid conditions.
 */
export interface OfferTerms {
  description: string | null;
  discount: string | null;
  discountKind: 'percent' | 'amount' | null;
  discountValue: number | null;
  discountCurrency: string | null;
}

/** An offer's discount as people read it: "20%" or "€10.00" (English formatting); null without one. */
export function discountText(offer: Pick<Offer, 'discountKind' | 'discountValue' | 'discountCurrency'>): string | null {
  if (offer.discountKind === null || offer.discountValue === null) return null;
  switch (offer.discountKind) {
    case 'percent':
      return `${new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(offer.discountValue)}%`;
    case 'amount':
      return new Intl.NumberFormat('en', { style: 'currency', currency: offer.discountCurrency ?? 'USD' }).format(offer.discountValue);
    default: {
      const unknown: never = offer.discountKind;
      throw new Error(`unknown discount kind ${String(unknown)}`);
    }
  }
}

/** The offer's terms as templates see them (`{{ offer.discount }}`). */
export function termsOf(offer: Offer): OfferTerms {
  return {
    description: offer.description,
    discount: discountText(offer),
    discountKind: offer.discountKind,
    discountValue: offer.discountValue,
    discountCurrency: offer.discountCurrency,
  };
}

export interface GrantRequest {
  offerId: string;
  workflowId: string;
  nodeId: string;
  customerId: string;
  /** ISO time of the grant (the activity's clock). */
  at: string;
}

/** Creates an offer (a fresh id unless given). */
export async function createOffer(db: Db, offer: NewOffer): Promise<Offer> {
  return (await db
    .insert(offers)
    .values({ ...offer, id: offer.id ?? randomUUID() })
    .returning())[0]!;
}

/** The offer, or undefined. */
export async function getOffer(db: Db, id: string): Promise<Offer | undefined> {
  return (await db.select().from(offers).where(eq(offers.id, id)).limit(1))[0];
}

/** Changes an offer's editable fields; undefined when there is no such offer. */
export async function updateOffer(db: Db, id: string, patch: Partial<Omit<NewOffer, 'id' | 'codeSource'>>): Promise<Offer | undefined> {
  if (Object.keys(patch).length === 0) return getOffer(db, id);
  return (await db.update(offers).set(patch).where(eq(offers.id, id)).returning())[0];
}

/** Deletes an offer and its codes unless a live version, or a version with runs in flight, grants it. */
export async function deleteOfferUnlessUsed(db: Db, id: string): Promise<GuardedDelete> {
  return await deleteUnlessUsed(db, { nodeType: 'offer', offerId: id }, async () => (await db.run(db.delete(offers).where(eq(offers.id, id)))).changes > 0);
}

/** Every offer, oldest first. */
export async function listOffers(db: Db): Promise<Offer[]> {
  return await db.select().from(offers).orderBy(asc(offers.createdAt));
}

/** Adds codes to an offer's pool, ignoring blanks and codes it already has; returns how many were new. */
export async function addOfferCodes(db: Db, offerId: string, codes: readonly string[]): Promise<number> {
  return (await insertOfferCodes(db, offerId, codes)).added;
}

/** What adding codes did: how many went in, and which were left out because the pool already had them. */
export interface CodesInsertion {
  added: number;
  alreadyPresent: string[];
}

/** Adds codes to an offer's pool (blanks and repeats dropped), naming the ones the pool already had. */
export async function insertOfferCodes(db: Db, offerId: string, codes: readonly string[]): Promise<CodesInsertion> {
  const unique = [...new Set(codes.map((code) => code.trim()).filter((code) => code.length > 0))];
  if (unique.length === 0) return { added: 0, alreadyPresent: [] };
  // One prepared statement in one transaction: 100k codes in ~0.1 s, where building a query per batch took ~8 s.
  const insert = db.prepare('insert into offer_codes (offer_id, code) values (?, ?) on conflict do nothing');
  return await db.transaction(async () => {
    const alreadyPresent: string[] = [];
    for (const code of unique) if ((await insert.run(offerId, code)).changes === 0) alreadyPresent.push(code);
    return { added: unique.length - alreadyPresent.length, alreadyPresent };
  });
}

/** How many pool codes are still free to grant. */
export async function countFreeCodes(db: Db, offerId: string): Promise<number> {
  const row = (await db
    .select({ free: count() })
    .from(offerCodes)
    .where(and(eq(offerCodes.offerId, offerId), isNull(offerCodes.grantedAt))).limit(1))[0];
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
  return { status: 'granted', offerId: offer.id, name: offer.name, code, expiresAt: offer.expiresAt, ...termsOf(offer) };
}

async function takePoolCode(db: Db, offer: Offer, request: GrantRequest): Promise<OfferGrant> {
  for (;;) {
    const free = (await db
      .select({ id: offerCodes.id, code: offerCodes.code })
      .from(offerCodes)
      .where(and(eq(offerCodes.offerId, offer.id), isNull(offerCodes.grantedAt)))
      .orderBy(asc(offerCodes.id))
      .limit(1))[0];
    if (!free) return { status: 'unavailable', reason: 'pool_exhausted' };
    // Taken only while still free: on Postgres another process's grant may have read the same free code (READ
    // COMMITTED); its update then waits for ours, finds the code granted, changes nothing, and takes the next one.
    const taken = await db.run(
      db.update(offerCodes)
        .set({ customerId: request.customerId, workflowId: request.workflowId, nodeId: request.nodeId, grantedAt: request.at })
        .where(and(eq(offerCodes.id, free.id), isNull(offerCodes.grantedAt))),
    );
    if (taken.changes > 0) return granted(offer, free.code);
  }
}

/**
 * A code made of the prefix as the marketer typed it and a random part: a separator is added only when the prefix
 * does not already end with one ("WELCOME20-" gives "WELCOME20-K3Q…", "WELCOME20" gives "WELCOME20-K3Q…").
 */
export function prefixedCode(prefix: string | null | undefined, suffix: string, fallback = 'OFFER'): string {
  const start = prefix?.trim() || fallback;
  return /[-_.]$/.test(start) ? `${start}${suffix}` : `${start}-${suffix}`;
}

async function generateCode(db: Db, offer: Offer, request: GrantRequest): Promise<OfferGrant> {
  // 40 random bits make a clash rare; the unique index makes it impossible, so just draw again.
  for (;;) {
    const code = prefixedCode(offer.codePrefix, randomSuffix());
    const inserted = await db.run(
      db
        .insert(offerCodes)
        .values({ offerId: offer.id, code, customerId: request.customerId, workflowId: request.workflowId, nodeId: request.nodeId, grantedAt: request.at })
        .onConflictDoNothing({ target: [offerCodes.offerId, offerCodes.code] }),
    );
    if (inserted.changes > 0) return granted(offer, code);
  }
}

/**
 * Grants at most one code per (workflowId, nodeId), in one immediate transaction: a retried grant gets the
 * code it got before, a pool code is never handed out twice (by any number of processes), and an expired offer is
 * unavailable.
 */
export async function grantOfferCode(db: Db, request: GrantRequest): Promise<OfferGrant> {
  return await db.transaction(async (): Promise<OfferGrant> => {
    const previous = (await db
      .select({ offerId: offerCodes.offerId, code: offerCodes.code })
      .from(offerCodes)
      .where(and(eq(offerCodes.workflowId, request.workflowId), eq(offerCodes.nodeId, request.nodeId))).limit(1))[0];
    const offer = await getOffer(db, previous?.offerId ?? request.offerId);
    if (!offer) return { status: 'unavailable', reason: 'unknown_offer' } as const;
    if (previous) return granted(offer, previous.code);
    if (offer.expiresAt !== null && Date.parse(offer.expiresAt) <= Date.parse(request.at)) return { status: 'unavailable', reason: 'expired' } as const;
    return offer.codeSource === 'pool' ? await takePoolCode(db, offer, request) : await generateCode(db, offer, request);
  });
}
