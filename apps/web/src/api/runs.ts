import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, sendJson } from './client';

export type RunStatus = 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled' | 'converted';
export const runStatuses: RunStatus[] = ['running', 'waiting', 'completed', 'failed', 'cancelled', 'converted'];

/** A row of GET /api/runs: the `runs` table, with the names the API joins in (ids stay for links and hover text). */
export interface RunSummary {
  workflowId: string;
  journeyId: string;
  /** The journey's name (its id when the journey is gone). */
  journeyName: string;
  versionId: string;
  /** The version's number and when it was published; null when the version is gone. */
  version: number | null;
  versionPublishedAt: string | null;
  customerId: string;
  /** The `name` trait, else first + last name, else the email, else the id. */
  customerName: string;
  /** The current node's label, else what it does ("Wait 2 days"). */
  currentNodeName: string | null;
  status: RunStatus;
  currentNodeId: string | null;
  waitingUntil: string | null;
  error: string | null;
  /** Steps whose side effect failed for good (a send that failed) while the run went on. */
  failedSteps?: number;
  startedAt: string;
  endedAt: string | null;
  updatedAt: string;
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
  /** The step's side effect failed for good. */
  failed?: boolean;
}

export interface Delivery {
  id: string;
  nodeId: string;
  templateId: string;
  to: string | null;
  subject: string | null;
  /** The rendered message (without tracking); null for deliveries made before bodies were stored, or never rendered. */
  html?: string | null;
  text?: string | null;
  status: 'pending' | 'sending' | 'sent' | 'skipped' | 'failed' | 'uncertain';
  error: string | null;
  attempts?: number;
  sentAt: string | null;
  openedAt: string | null;
  clickedAt: string | null;
}

export interface OfferCodeGrant {
  code: string;
  offerId: string;
  offerName: string;
  nodeId: string | null;
  grantedAt: string | null;
}

/** A failed activity attempt the worker recorded; `resolvedAt` is set once a later attempt succeeded. */
export interface RunFailure {
  workflowId: string;
  activityId: string;
  activityType: string;
  customerId: string | null;
  attempt: number;
  error: string;
  firstFailedAt: string;
  lastFailedAt: string;
  resolvedAt: string | null;
}

/** Names by id, of one journey version's nodes, templates and offers. */
export interface VersionNames {
  nodes: Record<string, string>;
  templates: Record<string, string>;
  offers: Record<string, string>;
}

/** GET /api/runs/:workflowId. */
export interface RunDetail {
  run: RunSummary;
  names: VersionNames;
  steps: RunStep[];
  deliveries: Delivery[];
  offerCodes?: OfferCodeGrant[];
  failures?: RunFailure[];
  temporalUrl?: string;
}

/** The monitor's filters; '' means any. Times are ISO strings. */
export interface RunFilters {
  journeyId: string;
  versionId: string;
  status: RunStatus | '';
  currentNodeId: string;
  customerId: string;
  startedAfter: string;
  startedBefore: string;
  /** 'true': only runs that ended failed or have a failed step. */
  withFailures: '' | 'true';
}

export type RunSort = '-startedAt' | 'startedAt' | '-updatedAt' | 'updatedAt';

export const noFilters: RunFilters = { journeyId: '', versionId: '', status: '', currentNodeId: '', customerId: '', startedAfter: '', startedBefore: '', withFailures: '' };

interface RunPage {
  runs: RunSummary[];
  nextCursor: string | null;
}

const refreshMs = 3_000;

/** The filter as query parameters (only the ones set). */
export function filterQuery(filters: Partial<RunFilters>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  return query;
}

export function useRuns(filters: RunFilters, sort: RunSort = '-startedAt') {
  return useInfiniteQuery({
    queryKey: ['runs', filters, sort],
    initialPageParam: null as string | null,
    getNextPageParam: (page: RunPage) => page.nextCursor ?? null,
    refetchInterval: refreshMs,
    placeholderData: keepPreviousData,
    queryFn: ({ pageParam }) => {
      const query = filterQuery(filters);
      query.set('limit', '50');
      query.set('sort', sort);
      if (pageParam) query.set('cursor', pageParam);
      return getJson<RunPage>(`/api/runs?${query.toString()}`);
    },
  });
}

/** Runs per status for the filter (its status ignored, so every count shows). */
export function useRunCounts(filters: RunFilters) {
  return useQuery({
    queryKey: ['run-counts', { ...filters, status: '', withFailures: '' }],
    refetchInterval: refreshMs,
    placeholderData: keepPreviousData,
    queryFn: () =>
      getJson<{ counts: Record<RunStatus, number>; total: number; withFailures?: number }>(
        `/api/runs/counts?${filterQuery({ ...filters, status: '', withFailures: '' }).toString()}`,
      ),
  });
}

export function useRun(workflowId: string) {
  return useQuery({
    queryKey: ['run', workflowId],
    refetchInterval: refreshMs,
    queryFn: () => getJson<RunDetail>(`/api/runs/${encodeURIComponent(workflowId)}`),
  });
}

export type RunAction = 'cancel' | 'skip-wait' | 'retry';

/** An admin action on one run; refreshes runs and counts after it. */
export function useRunAction(action: RunAction) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (workflowId: string) => sendJson<{ workflowId: string; result?: string; retryWorkflowId?: string }>('POST', `/api/runs/actions/${action}`, { workflowId }),
    onSuccess: () => queryClient.invalidateQueries({ predicate: (query) => ['run', 'runs', 'run-counts'].includes(String(query.queryKey[0])) }),
  });
}

/** Bulk cancel: a dry run for the count, then the cancel confirmed with that count. */
export function bulkCancelCount(filters: RunFilters) {
  return sendJson<{ count: number }>('POST', '/api/runs/actions/bulk-cancel', { ...Object.fromEntries(filterQuery(filters)), dryRun: true });
}

export function bulkCancel(filters: RunFilters, confirm: number) {
  return sendJson<{ count: number; requested: number; markedCancelled: number; failed: number }>('POST', '/api/runs/actions/bulk-cancel', {
    ...Object.fromEntries(filterQuery(filters)),
    confirm,
  });
}
