import { useQuery } from '@tanstack/react-query';
import type { JourneyDraft, JourneyGraph } from '@lifecycle/journey';
import { getJson, listFrom } from './client';

export type JourneyStatus = 'draft' | 'live' | 'paused' | 'archived';

/** A row of GET /api/journeys. */
export interface JourneySummary {
  id: string;
  name: string;
  lifecycleStage: string | null;
  status: JourneyStatus;
  liveVersionId: string | null;
  /** The draft's revision: every save bumps it; a save based on an older one is refused (another tab saved since). */
  revision: number;
  /** Number of the live version, when the API joins it in. */
  liveVersion?: number | null;
  /** Set while archived: no new entries; runs in flight carry on. */
  archivedAt?: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A published version as listed on a journey (without its graph). */
export interface JourneyVersionSummary {
  id: string;
  version: number;
  publishedAt: string;
}

/** GET /api/journeys/:id: the journey, its draft and its versions. */
export interface JourneyDetail extends JourneySummary {
  draft: JourneyDraft;
  versions: JourneyVersionSummary[];
}

/** GET /api/journeys/:id/versions/:versionId. */
export interface JourneyVersion extends JourneyVersionSummary {
  graph: JourneyGraph;
}

/** Accepts `{ journey, versions }` as well as a flat journey with `versions`. */
function toDetail(body: unknown): JourneyDetail {
  const record = body as Record<string, unknown>;
  const journey = (record.journey ?? record) as JourneyDetail;
  const versions = listFrom<JourneyVersionSummary>(record.versions ?? journey.versions, 'versions');
  return { ...journey, draft: journey.draft ?? { nodes: [], edges: [] }, versions: [...versions].sort((a, b) => b.version - a.version) };
}

export function useJourneys() {
  return useQuery({
    queryKey: ['journeys'],
    queryFn: async () => listFrom<JourneySummary>(await getJson('/api/journeys'), 'journeys'),
  });
}

/** One journey; nothing is asked while `id` is empty (the runs page with "All journeys" chosen). */
export function useJourney(id: string) {
  return useQuery({ queryKey: ['journey', id], enabled: id !== '', queryFn: async () => toDetail(await getJson(`/api/journeys/${encodeURIComponent(id)}`)) });
}

export function useJourneyVersion(journeyId: string, versionId: string | null) {
  return useQuery({
    queryKey: ['journey-version', journeyId, versionId],
    enabled: versionId !== null,
    // Published versions never change.
    staleTime: Infinity,
    queryFn: async () => {
      const body = await getJson<Record<string, unknown>>(`/api/journeys/${encodeURIComponent(journeyId)}/versions/${encodeURIComponent(versionId ?? '')}`);
      return (body.version && typeof body.version === 'object' ? body.version : body) as JourneyVersion;
    },
  });
}
