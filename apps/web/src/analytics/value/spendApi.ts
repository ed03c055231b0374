import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, sendJson } from '../../api/client';
import type { SpendList } from './valueTypes';

const SPEND = '/api/analytics/acquisition/spend';

export function useSpend() {
  return useQuery({ queryKey: ['analytics', 'spend'], queryFn: () => getJson<SpendList>(SPEND) });
}

/** Refreshes the spend list and every analytics figure (CAC depends on the spend). */
export function useRefreshSpend() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['analytics'] });
}

export const setSpend = (entry: { month: string; channel: string; amount: number; currency?: string }) => sendJson(`PUT`, SPEND, entry);
export const removeSpend = (month: string, channel: string) => sendJson('DELETE', `${SPEND}?${new URLSearchParams({ month, channel }).toString()}`);
export const importSpend = (csv: string) => sendJson<{ stored: number }>('POST', `${SPEND}/import`, { csv });
