import { useQuery } from '@tanstack/react-query';
import type { JourneyDraft, Problem } from '@lifecycle/journey';
import { ApiError, getJson, isMissingRoute, listFrom, sendJson } from './client';
import type { JourneySummary } from './journeys';
import type { RunSummary } from './runs';

/** What PUT /api/journeys/:id saves. */
export interface JourneySave {
  name: string;
  lifecycleStage: string | null;
  draft: JourneyDraft;
}

/** Saves the draft based on `baseRevision`; a 409 `conflict` (see `conflictRevision`) means it was saved elsewhere since. */
export function saveJourney(id: string, save: JourneySave, baseRevision: number): Promise<JourneySummary> {
  return sendJson('PUT', `/api/journeys/${encodeURIComponent(id)}`, { ...save, baseRevision });
}

/** The draft's current revision when a save was refused because another tab or person saved since; else null. */
export function conflictRevision(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.status !== 409 || error.code !== 'conflict') return null;
  const current = (error.body as { currentRevision?: unknown } | null)?.currentRevision;
  return typeof current === 'number' ? current : null;
}

/** Deletes a journey; with `cancelRuns` its runs in flight are cancelled first (else a 409 says how many there are). */
export function deleteJourney(id: string, options: { cancelRuns: boolean }): Promise<null> {
  return sendJson('DELETE', `/api/journeys/${encodeURIComponent(id)}${options.cancelRuns ? '?cancelRuns=true' : ''}`);
}

export function createJourney(save: JourneySave): Promise<JourneySummary> {
  return sendJson('POST', '/api/journeys', save);
}

/** Publish refused: the API's problems, to show on the nodes they name. */
export function problemsOf(error: unknown): Problem[] | null {
  if (!(error instanceof ApiError) || error.code !== 'invalid_journey') return null;
  const body = error.body as { problems?: Problem[] } | null;
  return body?.problems ?? [];
}

/** Customers at a node now, and how many have passed through it. */
export type NodeCounts = Record<string, { current: number; passed: number }>;

/** Falls back to counting runs now at each node when the counts route is not wired yet. */
async function countsFromRuns(journeyId: string, versionId: string): Promise<NodeCounts> {
  const page = await getJson<{ runs: RunSummary[] }>(`/api/runs?journeyId=${encodeURIComponent(journeyId)}&limit=200`);
  const counts: NodeCounts = {};
  for (const run of listFrom<RunSummary>(page, 'runs')) {
    if (run.versionId !== versionId || !run.currentNodeId) continue;
    const entry = (counts[run.currentNodeId] ??= { current: 0, passed: 0 });
    if (run.status === 'running' || run.status === 'waiting') entry.current += 1;
  }
  return counts;
}

/** Node counts of a published version, refetched every 3 s. */
export function useNodeCounts(journeyId: string, versionId: string | null) {
  return useQuery({
    queryKey: ['node-counts', journeyId, versionId],
    enabled: versionId !== null,
    refetchInterval: 3_000,
    queryFn: async () => {
      const path = `/api/journeys/${encodeURIComponent(journeyId)}/versions/${encodeURIComponent(versionId ?? '')}/counts`;
      try {
        return (await getJson<{ counts: NodeCounts }>(path)).counts;
      } catch (error) {
        if (isMissingRoute(error)) return countsFromRuns(journeyId, versionId ?? '');
        throw error;
      }
    },
  });
}

/** Event names seen before, most recent first, for the event pickers. */
export function useEventNames() {
  return useQuery({
    queryKey: ['event-names'],
    staleTime: 30_000,
    queryFn: async () => {
      try {
        return listFrom<string>(await getJson('/api/events/names'), 'names');
      } catch (error) {
        if (isMissingRoute(error)) return [];
        throw error;
      }
    },
  });
}
