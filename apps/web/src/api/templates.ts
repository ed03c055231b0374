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

/** The editor's live preview: rendered, or why not (`field` names the field whose Liquid does not parse). */
export type RenderedDraft = { ok: true; subject: string; html: string; text: string | null } | { ok: false; field: 'subject' | 'html' | 'text' | null; error: string };

/** Renders on the server (the same sandboxed Liquid the worker uses); null when the render route is not there. */
export async function previewTemplate(template: Omit<TemplateFields, 'name'>, target: PreviewTarget): Promise<RenderedDraft | null> {
  try {
    return await sendJson<RenderedDraft>('POST', '/api/templates/render', { template, ...target });
  } catch (error) {
    if (isMissingRoute(error)) return null;
    throw error;
  }
}

/** Renders a saved template (viewers may) for a customer, or the sample traits when `customerId` is null. */
export function previewSavedTemplate(id: string, customerId: string | null): Promise<RenderedDraft> {
  const query = customerId === null ? '' : `?customerId=${encodeURIComponent(customerId)}`;
  return getJson<RenderedPreview>(`/api/templates/${encodeURIComponent(id)}/preview${query}`).then((result) => (result.ok ? result : { ...result, field: null }));
}

/** Asks for a test email of a saved template to `to`. */
export function sendTestEmail(id: string, to: string, target: PreviewTarget) {
  return sendJson<{ to: string; subject: string }>('POST', `/api/templates/${encodeURIComponent(id)}/test-send`, { to, ...target });
}

/** A variable of the picker (GET /api/templates/variables); `label` and `example` are user data: show as text only. */
export interface CatalogueVariable {
  group: 'customer' | 'trait' | 'event' | 'property' | 'offer' | 'link';
  label: string;
  liquid: string;
  description: string;
  example: string | null;
  eventName: string | null;
}

/** The variables found in recent data, and how many of the newest customers and events were read. */
export interface VariableCatalogue {
  variables: CatalogueVariable[];
  sample: { customers: number; events: number };
}

/** The variable catalogue; kept a minute, since it changes only as new kinds of data arrive. */
export function useVariableCatalogue() {
  return useQuery({ queryKey: ['template-variables'], staleTime: 60_000, queryFn: () => getJson<VariableCatalogue>('/api/templates/variables') });
}

/** A saved template rendered with the sample traits (the journey inspector's preview); keyed by its last update. */
export function useSavedPreview(template: { id: string; updatedAt: string } | null) {
  return useQuery({
    queryKey: ['template-preview', template?.id, template?.updatedAt],
    enabled: template !== null,
    queryFn: () => getJson<RenderedPreview>(`/api/templates/${encodeURIComponent(template?.id ?? '')}/preview`),
  });
}
