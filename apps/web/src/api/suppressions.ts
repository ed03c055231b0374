import { useQuery } from '@tanstack/react-query';
import { getJson, sendJson } from './client';

/** Where a suppression came from (the API's `source`). */
export type SuppressionSource = 'smtp_hard' | 'smtp_soft' | 'bounce_webhook' | 'complaint' | 'admin';

/** An address on the suppression list, as GET /api/suppressions answers it. */
export interface Suppression {
  id: string;
  address: string;
  reason: string;
  source: SuppressionSource;
  detail: string | null;
  createdAt: string;
  createdBy: string;
  removedAt: string | null;
  removedBy: string | null;
}

/** The words a person reads for a source. */
export const sourceLabels: Record<SuppressionSource, string> = {
  smtp_hard: 'Refused by the mail server',
  smtp_soft: 'Soft failures in a row',
  bounce_webhook: 'Bounce notice',
  complaint: 'Spam complaint',
  admin: 'Added by an admin',
};

export type SuppressionFilter = { q: string; status: 'active' | 'all'; cursor: string | null };

export function useSuppressions(filter: SuppressionFilter) {
  const params = new URLSearchParams({ status: filter.status, limit: '25' });
  if (filter.q.trim()) params.set('q', filter.q.trim());
  if (filter.cursor) params.set('cursor', filter.cursor);
  return useQuery({
    queryKey: ['suppressions', filter],
    queryFn: () => getJson<{ suppressions: Suppression[]; total: number; nextCursor: string | null }>(`/api/suppressions?${params.toString()}`),
  });
}

/** Whether one address is suppressed now (null when it is not, or there is no address). */
export function useSuppressionOf(address: string | null) {
  return useQuery({
    queryKey: ['suppressions', 'lookup', address],
    enabled: address !== null,
    queryFn: () => getJson<{ suppression: Suppression | null; softFailures: number }>(`/api/suppressions/lookup?address=${encodeURIComponent(address ?? '')}`),
  });
}

export const useSuppressionSettings = () => useQuery({ queryKey: ['suppressions', 'settings'], queryFn: () => getJson<{ softBounceThreshold: number }>('/api/suppressions/settings') });

export const addSuppression = (address: string, reason: string) => sendJson<Suppression>('POST', '/api/suppressions', { address, reason });
export const removeSuppression = (id: string) => sendJson<Suppression>('DELETE', `/api/suppressions/${encodeURIComponent(id)}`);
export const saveSuppressionSettings = (softBounceThreshold: number) => sendJson<{ softBounceThreshold: number }>('PUT', '/api/suppressions/settings', { softBounceThreshold });
