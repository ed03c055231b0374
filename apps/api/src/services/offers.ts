import { randomBytes } from 'node:crypto';
import { addOfferCodes, countFreeCodes, createOffer, deleteOfferUnlessUsed, getOffer, listOffers, type Db } from '@lifecycle/db';
import { z } from 'zod';
import { notFound } from '../errors';
import { assertDeleted } from './inUse';

/** POST /api/offers. */
export const OfferInput = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullish(),
  codeSource: z.enum(['pool', 'generated']),
  codePrefix: z.string().trim().max(40).regex(/^[A-Za-z0-9_-]*$/, 'letters, digits, _ and - only').nullish(),
  expiresAt: z.iso.datetime({ offset: true }).nullish(),
});
export type OfferInput = z.infer<typeof OfferInput>;

/** POST /api/offers/:id/codes: codes to add to the pool, or how many to generate. */
export const CodesInput = z.union([
  z.object({ codes: z.array(z.string().trim().min(1).max(100)).min(1).max(20_000) }),
  z.object({ generate: z.number().int().min(1).max(20_000), prefix: z.string().trim().max(40).optional() }),
]);
export type CodesInput = z.infer<typeof CodesInput>;

function withCodesLeft(db: Db, offer: NonNullable<ReturnType<typeof getOffer>>) {
  return { ...offer, codesLeft: offer.codeSource === 'pool' ? countFreeCodes(db, offer.id) : null };
}

/** Offers with how many pool codes are left (null for generated codes: they never run out). */
export function listAll(db: Db) {
  return listOffers(db).map((offer) => withCodesLeft(db, offer));
}

export function findOffer(db: Db, id: string) {
  const offer = getOffer(db, id);
  if (!offer) throw notFound('offer', id);
  return withCodesLeft(db, offer);
}

export function create(db: Db, input: OfferInput) {
  const offer = createOffer(db, {
    name: input.name,
    description: input.description ?? null,
    codeSource: input.codeSource,
    codePrefix: input.codePrefix ?? null,
    expiresAt: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
  });
  return withCodesLeft(db, offer);
}

/** Adds codes to an offer's pool; returns how many were new and how many are left. */
export function addCodes(db: Db, offerId: string, input: CodesInput) {
  const offer = getOffer(db, offerId);
  if (!offer) throw notFound('offer', offerId);
  const codes =
    'codes' in input
      ? input.codes
      : Array.from({ length: input.generate }, () => `${input.prefix ?? offer.codePrefix ?? 'CODE'}-${randomBytes(5).toString('hex').toUpperCase()}`);
  const added = addOfferCodes(db, offerId, codes);
  return { added, codesLeft: countFreeCodes(db, offerId) };
}

/** Deletes an offer and its codes; 409 naming the journeys whose live version or runs in flight still grant it. */
export function removeOffer(db: Db, id: string) {
  const offer = getOffer(db, id);
  if (!offer) throw notFound('offer', id);
  assertDeleted(deleteOfferUnlessUsed(db, id), { kind: 'offer', id, name: offer.name });
  return offer;
}
