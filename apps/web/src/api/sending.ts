import type { JourneySendPolicy, SendPolicy } from '@lifecycle/journey';
import { useQuery } from '@tanstack/react-query';
import { getJson, sendJson } from './client';

/** The workspace's frequency cap and quiet hours for marketing email. */
export const useSendPolicy = () => useQuery({ queryKey: ['send-policy'], queryFn: () => getJson<SendPolicy>('/api/workspace/sending') });
export const saveSendPolicy = (policy: SendPolicy) => sendJson<SendPolicy>('PUT', '/api/workspace/sending', policy);

/** A journey's override of the workspace's rules, the workspace's defaults, and what the journey's sends follow. */
export interface JourneySendingAnswer {
  journey: JourneySendPolicy;
  workspace: SendPolicy;
  effective: SendPolicy;
}

const journeySendingPath = (journeyId: string) => `/api/journeys/${encodeURIComponent(journeyId)}/sending`;
export const useJourneySending = (journeyId: string) =>
  useQuery({ queryKey: ['journey-sending', journeyId], queryFn: () => getJson<JourneySendingAnswer>(journeySendingPath(journeyId)) });
export const saveJourneySending = (journeyId: string, policy: JourneySendPolicy) => sendJson<JourneySendingAnswer>('PUT', journeySendingPath(journeyId), policy);
