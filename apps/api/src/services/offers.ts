import { randomBytes } from 'node:crypto';
import {
  countsOf,
  createOffer,
  deleteOfferUnlessUsed,
  getOffer,
  insertOfferCodes,
  listIssuedCodes,
  listOffers,
  offerCodeCounts,
  prefixedCode,
  updateOffer,
  type Db,
  type Offer as OfferRow,
  type OfferCodeCounts,
} from '@lifecycle/db';
import { notFound } from '../errors';
import type { CodesAdded, CodesInput, Discount, IssuedCodesPage, IssuedCodesQuery, Offer, OfferInput, OfferPatch } from '../offers/schemas';
import { assertDeleted } from './inUse';

export { CodesInput, OfferInput, OfferPatch } from '../offers/schemas';

function discountOf(row: OfferRow): Discount | null {
  if (row.discountKind === null || row.discountValue === null) return null;
  return row.discountKind === 'percent'
    ? { kind: 'percent', value: row.discountValue }
    : { kind: 'amount', value: row.discountValue, currency: row.discountCurrency ?? 'USD' };
}

/** The discount as the three columns hold it (null clears it). */
function discountColumns(discount: Discount | null) {
  if (discount === null) return { discountKind: null, discountValue: null, discountCurrency: null };
  return { discountKind: discount.kind, discountValue: discount.value, discountCurrency: discount.kind === 'amount' ? discount.currency : null };
}

/** An offer row as the API shows it; codes left is null for generated codes (they never run out). */
function view(row: OfferRow, counts: OfferCodeCounts): Offer {
  const { discountKind: _kind, discountValue: _value, discountCurrency: _currency, ...fields } = row;
  return {
    ...fields,
    discount: discountOf(row),
    codesLeft: row.codeSource === 'pool' ? counts.left : null,
    codesIssued: counts.issued,
    codesRedeemed: counts.redeemed,
  };
}

async function existing(db: Db, id: string): Promise<OfferRow> {
  const offer = await getOffer(db, id);
  if (!offer) throw notFound('offer', id);
  return offer;
}

/** Offers with their codes left, issued and redeemed. */
export async function listAll(db: Db): Promise<Offer[]> {
  const counts = await offerCodeCounts(db);
  return (await listOffers(db)).map((offer) => view(offer, countsOf(counts, offer.id)));
}

export async function findOffer(db: Db, id: string): Promise<Offer> {
  return view(await existing(db, id), countsOf(await offerCodeCounts(db, id), id));
}

export async function create(db: Db, input: OfferInput): Promise<Offer> {
  const offer = await createOffer(db, {
    name: input.name,
    description: input.description ?? null,
    codeSource: input.codeSource,
    codePrefix: input.codePrefix || null,
    expiresAt: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
    ...discountColumns(input.discount ?? null),
  });
  return findOffer(db, offer.id);
}

/** Edits an offer; allowed while journeys grant it (codes already issued keep their code, later emails see the new terms). */
export async function edit(db: Db, id: string, patch: OfferPatch): Promise<Offer> {
  await existing(db, id);
  await updateOffer(db, id, {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.description !== undefined ? { description: patch.description || null } : {}),
    ...(patch.codePrefix !== undefined ? { codePrefix: patch.codePrefix || null } : {}),
    ...(patch.expiresAt !== undefined ? { expiresAt: patch.expiresAt ? new Date(patch.expiresAt).toISOString() : null } : {}),
    ...(patch.discount !== undefined ? discountColumns(patch.discount) : {}),
  });
  return findOffer(db, id);
}

/** Adds codes to an offer's pool; says how many were new, how many are left, and which were skipped and why. */
export async function addCodes(db: Db, offerId: string, input: CodesInput): Promise<CodesAdded> {
  const offer = await existing(db, offerId);
  const codes =
    'codes' in input
      ? input.codes
      : Array.from({ length: input.generate }, () => prefixedCode(input.prefix || offer.codePrefix, randomBytes(5).toString('hex').toUpperCase(), 'CODE'));
  const seen = new Set<string>();
  const repeated: string[] = [];
  for (const code of codes) {
    if (seen.has(code)) repeated.push(code);
    else seen.add(code);
  }
  const inserted = await insertOfferCodes(db, offerId, [...seen]);
  return {
    added: inserted.added,
    codesLeft: countsOf(await offerCodeCounts(db, offerId), offerId).left,
    skipped: [
      ...[...new Set(repeated)].map((code) => ({ code, reason: 'repeated_in_list' as const })),
      ...inserted.alreadyPresent.map((code) => ({ code, reason: 'already_in_pool' as const })),
    ],
  };
}

/** A page of the codes issued to customers, newest first. */
export async function issuedCodes(db: Db, offerId: string, query: IssuedCodesQuery): Promise<IssuedCodesPage> {
  await existing(db, offerId);
  return { ...await listIssuedCodes(db, offerId, query), limit: query.limit, offset: query.offset };
}

/** Deletes an offer and its codes; 409 naming the journeys whose live version or runs in flight still grant it. */
export async function removeOffer(db: Db, id: string): Promise<OfferRow> {
  const offer = await existing(db, id);
  assertDeleted(await deleteOfferUnlessUsed(db, id), { kind: 'offer', id, name: offer.name });
  return offer;
}
