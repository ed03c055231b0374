import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getJson, listFrom, sendJson } from './client';

/** What an offer takes off: a percentage, or an amount in a currency (ISO 4217). */
export type Discount = { kind: 'percent'; value: number } | { kind: 'amount'; value: number; currency: string };

/** A row of GET /api/offers. */
export interface Offer {
  id: string;
  name: string;
  description: string | null;
  discount: Discount | null;
  codeSource: 'pool' | 'generated';
  codePrefix: string | null;
  expiresAt: string | null;
  /** Pool codes not yet issued; null for generated codes (they never run out). */
  codesLeft: number | null;
  codesIssued: number;
  codesRedeemed: number;
}

/** POST /api/offers. */
export interface NewOffer {
  name: string;
  description?: string | null;
  discount?: Discount | null;
  codeSource: 'pool' | 'generated';
  codePrefix?: string | null;
  expiresAt?: string | null;
}

/** PATCH /api/offers/:id: everything but where codes come from. */
export type OfferChanges = Partial<Omit<NewOffer, 'codeSource'>>;

/** A code issued to a customer (GET /api/offers/:id/codes). */
export interface IssuedCode {
  code: string;
  customerId: string;
  customerName: string | null;
  customerEmail: string | null;
  grantedAt: string;
  redeemedAt: string | null;
}

export interface IssuedCodesPage {
  codes: IssuedCode[];
  total: number;
  limit: number;
  offset: number;
}

/** What adding codes did, with each skipped code and why. */
export interface CodesAdded {
  added: number;
  codesLeft: number;
  skipped: { code: string; reason: 'repeated_in_list' | 'already_in_pool' }[];
}

export interface Redemption {
  outcome: 'redeemed' | 'already_redeemed';
  code: string;
  offerId: string;
  customerId: string;
  redeemedAt: string;
}

const path = (id: string) => `/api/offers/${encodeURIComponent(id)}`;

export function useOffers() {
  return useQuery({ queryKey: ['offers'], queryFn: async () => listFrom<Offer>(await getJson('/api/offers'), 'offers') });
}

export function useOffer(id: string) {
  return useQuery({ queryKey: ['offers', id], queryFn: () => getJson<Offer>(path(id)) });
}

/** A page of an offer's issued codes; the previous page stays on screen while the next loads. */
export function useIssuedCodes(id: string, page: { limit: number; offset: number }) {
  return useQuery({
    queryKey: ['offers', id, 'codes', page.limit, page.offset],
    queryFn: () => getJson<IssuedCodesPage>(`${path(id)}/codes?limit=${page.limit}&offset=${page.offset}`),
    placeholderData: keepPreviousData,
  });
}

export function createOffer(offer: NewOffer): Promise<Offer> {
  return sendJson('POST', '/api/offers', offer);
}

export function updateOffer(id: string, changes: OfferChanges): Promise<Offer> {
  return sendJson('PATCH', path(id), changes);
}

/** Adds uploaded codes or generates `generate` codes; answers how many were added, how many are left, and what was skipped. */
export function addCodes(offerId: string, input: { codes: string[] } | { generate: number; prefix?: string }): Promise<CodesAdded> {
  return sendJson('POST', `${path(offerId)}/codes`, input);
}

/** Marks an issued code used (again: nothing changes). */
export function redeemCode(offerId: string, code: string): Promise<Redemption> {
  return sendJson('POST', `${path(offerId)}/redemptions`, { code });
}

/** Deletes an offer and its codes; refused (409, naming the journeys) while a live journey or a run in flight grants it. */
export function deleteOffer(id: string): Promise<null> {
  return sendJson('DELETE', path(id));
}
