import { useQuery } from '@tanstack/react-query';
import { getJson, listFrom, sendJson } from './client';

/** A row of GET /api/offers. */
export interface Offer {
  id: string;
  name: string;
  description: string | null;
  codeSource: 'pool' | 'generated';
  codePrefix: string | null;
  expiresAt: string | null;
  codesLeft: number | null;
}

/** POST /api/offers. */
export interface NewOffer {
  name: string;
  description?: string | null;
  codeSource: 'pool' | 'generated';
  codePrefix?: string | null;
  expiresAt?: string | null;
}

export function useOffers() {
  return useQuery({ queryKey: ['offers'], queryFn: async () => listFrom<Offer>(await getJson('/api/offers'), 'offers') });
}

export function createOffer(offer: NewOffer): Promise<Offer> {
  return sendJson('POST', '/api/offers', offer);
}

/** Adds uploaded codes or generates `generate` codes; answers how many were added and how many are left. */
export function addCodes(offerId: string, input: { codes: string[] } | { generate: number; prefix?: string }) {
  return sendJson<{ added: number; codesLeft: number }>('POST', `/api/offers/${encodeURIComponent(offerId)}/codes`, input);
}

/** Deletes an offer and its codes; refused (409, naming the journeys) while a live journey or a run in flight grants it. */
export function deleteOffer(id: string): Promise<null> {
  return sendJson('DELETE', `/api/offers/${encodeURIComponent(id)}`);
}
