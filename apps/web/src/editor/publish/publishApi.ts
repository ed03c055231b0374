import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InFlightPolicy, JourneyDiff } from '@lifecycle/journey';
import { getJson, sendJson } from '../../api/client';

/** GET /api/journeys/:id/changes: the saved draft against the live version. */
export type JourneyChanges = { live: { versionId: string; version: number } | null; diff: JourneyDiff };

export function fetchChanges(journeyId: string): Promise<JourneyChanges> {
  return getJson(`/api/journeys/${encodeURIComponent(journeyId)}/changes`);
}

/** Publishes the saved draft with what happens to runs in flight (the `PublishRequest` body). */
export function usePublishWithPolicy(journeyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (inFlight: InFlightPolicy) => sendJson<{ id: string; version: number }>('POST', `/api/journeys/${encodeURIComponent(journeyId)}/publish`, { inFlight }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['journey', journeyId] }),
  });
}

/** Downloads the journey as a bundle file, named as the API names it. */
export async function downloadBundle(journeyId: string): Promise<void> {
  const response = await fetch(`/api/journeys/${encodeURIComponent(journeyId)}/export`, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`The export failed (HTTP ${response.status}).`);
  const file = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'journey.json';
  const url = URL.createObjectURL(new Blob([await response.text()], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file;
  link.click();
  URL.revokeObjectURL(url);
}
