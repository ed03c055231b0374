import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../api/client';

/** Customers per stage now (customers with no stage yet count in the first); stages no longer listed come apart. */
export type StageCounts = { stages: { stage: string; customers: number }[]; unlisted: { stage: string; customers: number }[]; total: number };

export function useStageCounts() {
  return useQuery({ queryKey: ['lifecycle-stages', 'counts'], queryFn: () => getJson<StageCounts>('/api/lifecycle/stages/counts') });
}
