import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getJson, sendJson } from './client';
import type { JourneyStatus, JourneySummary } from './journeys';

/** The journeys list's filter: `active` is every journey not archived (the default view). */
export type JourneyListStatus = 'active' | 'draft' | 'live' | 'paused' | 'archived';

/** A row of GET /api/journeys/overview. */
export interface JourneyOverviewRow {
  id: string;
  name: string;
  lifecycleStage: string | null;
  status: JourneyStatus;
  archivedAt: string | null;
  liveVersion: number | null;
  updatedAt: string;
  inProgress: number;
  converted: number;
}

/** GET /api/journeys/overview: a page, the next page's cursor and per-filter totals for the search. */
export interface JourneyOverview {
  journeys: JourneyOverviewRow[];
  nextCursor: string | null;
  counts: Record<JourneyListStatus, number>;
}

export function useJourneyOverview(filters: { q: string; status: JourneyListStatus; cursor: string }) {
  const query = new URLSearchParams({ status: filters.status });
  if (filters.q) query.set('q', filters.q);
  if (filters.cursor) query.set('cursor', filters.cursor);
  return useQuery({
    queryKey: ['journeys', 'overview', filters],
    queryFn: () => getJson<JourneyOverview>(`/api/journeys/overview?${query.toString()}`),
    placeholderData: keepPreviousData,
  });
}

/** A new draft "Copy of …" of the journey, same graph and goal. */
export function duplicateJourney(id: string): Promise<JourneySummary> {
  return sendJson('POST', `/api/journeys/${encodeURIComponent(id)}/duplicate`);
}

/** Archives (no new entries; runs in flight carry on) or unarchives a journey. */
export function setJourneyArchived(id: string, archived: boolean): Promise<JourneySummary> {
  return sendJson('POST', `/api/journeys/${encodeURIComponent(id)}/archive`, { archived });
}
