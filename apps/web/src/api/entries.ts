import { useQuery } from '@tanstack/react-query';
import { getJson, sendJson } from './client';

export interface WorkspaceSettings {
  timeZone: string;
}

export interface SchedulePreview {
  description: string | null;
  zone: string | null;
  problem: string | null;
  occurrences: { at: string; local: string }[];
  scheduled: { customerId: string; dueAt: string | null }[];
}

export const useWorkspaceSettings = () => useQuery({ queryKey: ['workspace-settings'], queryFn: () => getJson<WorkspaceSettings>('/api/workspace/settings') });
export const saveWorkspaceSettings = (settings: WorkspaceSettings) => sendJson<WorkspaceSettings>('PUT', '/api/workspace/settings', settings);

/** The next entries of a journey's saved draft trigger, for a customer (or one with no traits). */
export const useSchedulePreview = (journeyId: string, customerId: string, draftKey: string) =>
  useQuery({
    queryKey: ['schedule-preview', journeyId, customerId, draftKey],
    queryFn: () => getJson<SchedulePreview>(`/api/journeys/${encodeURIComponent(journeyId)}/schedule/preview${customerId ? `?customerId=${encodeURIComponent(customerId)}` : ''}`),
    retry: false,
  });
