import { useQuery } from '@tanstack/react-query';
import { getJson } from './client';
import type { RunFailure, RunStatus } from './runs';

/** GET /api/dashboard. Series hold one number per hour of `hours` (oldest first). */
export interface Dashboard {
  generatedAt: string;
  hours: string[];
  runs: { started: number[]; completed: number[]; failed: number[] };
  emails: { sent: number[]; opened: number[]; clicked: number[] };
  health: { worker: { status: 'ok' | 'unhealthy' | 'unreachable'; detail: unknown }; temporal: 'connected' | 'unreachable' };
  backlog: {
    source: 'temporal' | 'estimate';
    temporal: { workflowTasks: number; activityTasks: number; pollers: number } | null;
    staleRunning: number;
    error?: string;
  };
  retrying: (RunFailure & { journeyId: string; status: RunStatus; currentNodeId: string | null; stuck: boolean })[];
  failedRuns: { workflowId: string; journeyId: string; customerId: string; currentNodeId: string | null; error: string | null; startedAt: string; endedAt: string | null }[];
}

export function useDashboard() {
  return useQuery({ queryKey: ['dashboard'], refetchInterval: 5_000, queryFn: () => getJson<Dashboard>('/api/dashboard') });
}
