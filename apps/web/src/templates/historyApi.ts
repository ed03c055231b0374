import { useQuery } from '@tanstack/react-query';
import { getJson, sendJson } from '../api/client';
import type { Template } from '../api/templates';

/** A row of a template's history (GET /api/templates/:id/revisions). */
export interface RevisionSummary {
  revision: number;
  name: string;
  subject: string;
  savedAt: string;
  savedBy: string | null;
}

/** A live journey version sending the template; `revision` null: published before pinning, it sends the template as it is now. */
export interface LiveUse {
  journeyId: string;
  journeyName: string;
  versionId: string;
  version: number;
  revision: number | null;
}

export interface TemplateHistory {
  current: number | null;
  revisions: RevisionSummary[];
  liveUses: LiveUse[];
}

export interface TemplateRevision extends RevisionSummary {
  templateId: string;
  html: string;
  text: string | null;
}

const path = (id: string) => `/api/templates/${encodeURIComponent(id)}/revisions`;

/** The query key every save and restore refreshes. */
export const historyKey = (id: string) => ['template-history', id] as const;

export function useTemplateHistory(id: string | null) {
  return useQuery({ queryKey: historyKey(id ?? ''), enabled: id !== null, queryFn: () => getJson<TemplateHistory>(path(id ?? '')) });
}

export function useTemplateRevision(id: string, revision: number | null) {
  return useQuery({
    queryKey: ['template-revision', id, revision],
    enabled: revision !== null,
    queryFn: () => getJson<TemplateRevision>(`${path(id)}/${revision ?? 0}`),
  });
}

/** Saves revision `revision` again as the template's newest revision. */
export function restoreRevision(id: string, revision: number): Promise<Template> {
  return sendJson('POST', `${path(id)}/${revision}/restore`);
}
