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
  /** Events stored and not yet handed to journeys; the oldest's store time (null when none waits). */
  dispatch: { waiting: number; oldestReceivedAt: string | null };
  analytics: { pending: number; oldestQueuedAt: string | null };
  retrying: (RunFailure & { journeyId: string; status: RunStatus; currentNodeId: string | null; stuck: boolean })[];
  /** Runs started in the 24 hours that ended failed or have a failed step (a send that failed). */
  failedRunCount: number;
  failedRuns: {
    workflowId: string;
    journeyId: string;
    customerId: string;
    status: RunStatus;
    currentNodeId: string | null;
    error: string | null;
    failedSteps: number;
    startedAt: string;
    endedAt: string | null;
  }[];
}

export function useDashboard() {
  return useQuery({ queryKey: ['dashboard'], refetchInterval: 5_000, queryFn: () => getJson<Dashboard>('/api/dashboard') });
}
