import { useQuery } from '@tanstack/react-query';
import { getJson, isMissingRoute, listFrom, sendJson } from './client';

/** A row of GET /api/templates. */
export interface TemplateSummary {
  id: string;
  name: string;
  subject: string;
  createdAt: string;
  updatedAt: string;
}

/** A template's editable fields (Liquid). */
export interface TemplateFields {
  name: string;
  subject: string;
  html: string;
  text: string | null;
}

export type Template = TemplateSummary & TemplateFields;

/** Whom a preview renders for: a stored customer, or traits typed in. */
export type PreviewTarget = { customerId: string } | { traits: Record<string, unknown> };

export type RenderedPreview = { ok: true; subject: string; html: string; text: string | null } | { ok: false; error: string };

export function useTemplates() {
  return useQuery({
    queryKey: ['templates'],
    queryFn: async () => listFrom<TemplateSummary>(await getJson('/api/templates'), 'templates'),
  });
}

export function useTemplate(id: string | null) {
  return useQuery({
    queryKey: ['template', id],
    enabled: id !== null,
    queryFn: () => getJson<Template>(`/api/templates/${encodeURIComponent(id ?? '')}`),
  });
}

export function saveTemplate(id: string | null, fields: TemplateFields): Promise<Template> {
  return id === null ? sendJson('POST', '/api/templates', fields) : sendJson('PUT', `/api/templates/${encodeURIComponent(id)}`, fields);
}

/** Deletes a template; refused (409, naming the journeys) while a live journey or a run in flight sends it. */
export function deleteTemplate(id: string): Promise<null> {
  return sendJson('DELETE', `/api/templates/${encodeURIComponent(id)}`);
}

/** Renders on the server (the same sandboxed Liquid the worker uses); null when the preview route is not wired yet. */
export async function previewTemplate(template: Omit<TemplateFields, 'name'>, target: PreviewTarget): Promise<RenderedPreview | null> {
  try {
    return await sendJson<RenderedPreview>('POST', '/api/templates/preview', { template, ...target });
  } catch (error) {
    if (isMissingRoute(error)) return null;
    throw error;
  }
}

/** Asks for a test email of a saved template to `to`. */
export function sendTestEmail(id: string, to: string, target: PreviewTarget) {
  return sendJson<{ to: string; subject: string }>('POST', `/api/templates/${encodeURIComponent(id)}/test-send`, { to, ...target });
}
