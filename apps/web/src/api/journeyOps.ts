import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { InFlightPolicy } from '@lifecycle/journey';
import { getJson, sendJson } from './client';
import type { JourneyStatus, JourneySummary } from './journeys';

export type PauseMode = 'continue' | 'hold';

/** GET /api/journeys/:id/operations. */
export interface OperationsState {
  journeyId: string;
  status: JourneyStatus;
  pauseMode: PauseMode | 'stopped' | null;
  pausedAt: string | null;
  pausedBy: string | null;
  runsInFlight: number;
  runsOnOlderVersions: number;
}

export interface SignalReport {
  signalled: number;
  notFound: number;
  failed: string[];
}

const path = (id: string, rest: string) => `/api/journeys/${encodeURIComponent(id)}/${rest}`;

/** The journey's pause state and runs in flight, refreshed every 5 s while shown. */
export function useOperationsState(journeyId: string) {
  return useQuery({ queryKey: ['journey-operations', journeyId], queryFn: () => getJson<OperationsState>(path(journeyId, 'operations')), refetchInterval: 5_000 });
}

export function pauseJourney(id: string, runs: PauseMode): Promise<{ journey: JourneySummary; signals: SignalReport }> {
  return sendJson('POST', path(id, 'pause'), { runs });
}

export function resumeJourney(id: string): Promise<{ journey: JourneySummary; signals: SignalReport }> {
  return sendJson('POST', path(id, 'resume'));
}

export function stopPreview(id: string): Promise<{ runsInFlight: number }> {
  return getJson(path(id, 'stop'));
}

export function stopJourney(id: string, confirm: number): Promise<{ count: number; requested: number; markedCancelled: number; failed: number }> {
  return sendJson('POST', path(id, 'stop'), { confirm });
}

/** One waiting node of an older version in a migration dry run. */
export interface PlannedNode {
  nodeId: string;
  nodeType: string;
  label: string | null;
  waiting: number;
  proposed: string | null;
  target: string | null;
}

/** POST /api/journeys/:id/migration/dry-run. */
export interface MigrationPlan {
  target: { nodes: { id: string; type: string; label: string | null }[] };
  versions: { versionId: string; version: number; runsInFlight: number; nodes: PlannedNode[]; atNextWait: number; unmapped: number }[];
  totals: { move: number; atNextWait: number; unmapped: number };
}

/** What runs move to: the draft about to be published, or the live version (runs left on older ones). */
export type MigrationTarget = 'draft' | 'live';

/** What an in-flight policy did. */
export interface InFlightReport extends SignalReport {
  policy: InFlightPolicy['policy'];
  runsOnOlderVersions: number;
  kept: number;
}

/** Applies an in-flight policy to runs on versions older than the live one. */
export function applyInFlight(journeyId: string, policy: InFlightPolicy): Promise<InFlightReport> {
  return sendJson('POST', path(journeyId, 'in-flight'), policy);
}

type Mappings = Extract<InFlightPolicy, { policy: 'migrate' }>['mappings'];

/** Who would land where if runs in flight moved to the saved draft by `mappings` (absent: same ids). Moves nothing. */
export function useMigrationPlan(journeyId: string, mappings: Mappings | undefined, enabled: boolean, target: MigrationTarget = 'draft') {
  return useQuery({
    queryKey: ['migration-plan', journeyId, target, mappings ?? null],
    enabled,
    placeholderData: keepPreviousData,
    queryFn: () => sendJson<MigrationPlan>('POST', path(journeyId, 'migration/dry-run'), mappings ? { mappings, target } : { target }),
  });
}
