import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getJson } from './client';

export type RunStatus = 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled' | 'converted';
export const runStatuses: RunStatus[] = ['running', 'waiting', 'completed', 'failed', 'cancelled', 'converted'];

/** A row of GET /api/runs (the `runs` table, plus names the API may join in). */
export interface RunSummary {
  workflowId: string;
  journeyId: string;
  journeyName?: string | null;
  versionId: string;
  version?: number | null;
  customerId: string;
  status: RunStatus;
  currentNodeId: string | null;
  waitingUntil: string | null;
  error: string | null;
  startedAt: string;
  endedAt: string | null;
}

export interface RunStep {
  seq: number;
  nodeId: string;
  nodeType: string;
  enteredAt: string;
  leftAt: string | null;
  outcome: string | null;
  exit: string | null;
  detail: Record<string, unknown> | null;
}

export interface Delivery {
  id: string;
  nodeId: string;
  templateId: string;
  to: string | null;
  subject: string | null;
  status: 'pending' | 'sending' | 'sent' | 'skipped' | 'failed' | 'uncertain';
  error: string | null;
  sentAt: string | null;
  openedAt: string | null;
  clickedAt: string | null;
}

/** GET /api/runs/:workflowId. */
export interface RunDetail {
  run: RunSummary;
  steps: RunStep[];
  deliveries: Delivery[];
}

export interface RunFilters {
  journeyId: string;
  status: RunStatus | '';
}

interface RunPage {
  runs: RunSummary[];
  nextCursor: string | null;
}

const refreshMs = 3_000;

export function useRuns(filters: RunFilters) {
  return useInfiniteQuery({
    queryKey: ['runs', filters],
    initialPageParam: null as string | null,
    getNextPageParam: (page: RunPage) => page.nextCursor ?? null,
    refetchInterval: refreshMs,
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: '50' });
      if (filters.journeyId) query.set('journeyId', filters.journeyId);
      if (filters.status) query.set('status', filters.status);
      if (pageParam) query.set('cursor', pageParam);
      return getJson<RunPage>(`/api/runs?${query.toString()}`);
    },
  });
}

export function useRun(workflowId: string) {
  return useQuery({
    queryKey: ['run', workflowId],
    refetchInterval: refreshMs,
    queryFn: () => getJson<RunDetail>(`/api/runs/${encodeURIComponent(workflowId)}`),
  });
}
