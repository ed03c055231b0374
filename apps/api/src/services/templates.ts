import { randomUUID } from 'node:crypto';
import { checkTemplate } from '@lifecycle/messaging';
import { deleteTemplateUnlessUsed, getTemplate, insertTemplate, listTemplates, updateTemplate, type Db } from '@lifecycle/db';
import { z } from 'zod';
import { HttpError, notFound } from '../errors';
import { assertDeleted } from './inUse';
import { PreviewInput, previewTemplate } from './builder/templatePreview';
import { renderProblem } from './templateRender';

/** A template as the editor sends it; subject, html and text are Liquid. */
export const TemplateInput = z.object({
  name: z.string().max(200).trim().min(1),
  subject: z.string().min(1).max(998),
  html: z.string().max(512 * 1024),
  text: z.string().max(512 * 1024).nullish(),
});
export type TemplateInput = z.infer<typeof TemplateInput>;

function invalidTemplate(field: string, message: string): HttpError {
  return new HttpError(400, 'invalid_template', `${field}: ${message}`, { issues: [{ path: field, message }] });
}

/** 400 `invalid_template` naming the field whose Liquid does not parse, or does not render within the sandbox limits. */
async function checked(input: TemplateInput): Promise<TemplateInput & { text: string | null }> {
  const template = { ...input, text: input.text ?? null };
  const check = checkTemplate(template);
  if (!check.ok) throw invalidTemplate(check.field, check.message);
  const problem = await renderProblem(template);
  if (problem) throw invalidTemplate(problem.field, problem.message);
  return template;
}

export async function listAll(db: Db) {
  return await listTemplates(db);
}

export async function findTemplate(db: Db, id: string) {
  const template = await getTemplate(db, id);
  if (!template) throw notFound('template', id);
  return template;
}

/** Creates a template (its revision 1); `savedBy` is who the history names. */
export async function createTemplate(db: Db, input: TemplateInput, savedBy: string | null = null) {
  const { revision: _revision, ...template } = await insertTemplate(db, randomUUID(), await checked(input), savedBy);
  return template;
}

/** Replaces a template and stores the save as its next revision; live versions keep sending the revision they pinned. */
export async function replaceTemplate(db: Db, id: string, input: TemplateInput, savedBy: string | null = null) {
  const saved = await updateTemplate(db, id, await checked(input), savedBy);
  if (!saved) throw notFound('template', id);
  const { revision: _revision, ...template } = saved;
  return template;
}

/** Deletes a template; 409 naming the journeys whose live version or runs in flight still send it. */
export async function removeTemplate(db: Db, id: string) {
  const template = await findTemplate(db, id);
  assertDeleted(await deleteTemplateUnlessUsed(db, id), { kind: 'template', id, name: template.name });
  return template;
}

/** Whom GET /api/templates/:id/preview renders for: a customer by id, or else the sample traits. */
export const SavedPreviewQuery = z.object({ customerId: z.string().min(1).max(200).optional() });
export type SavedPreviewQuery = z.infer<typeof SavedPreviewQuery>;

/** The traits a preview without a customer renders with (the editor starts from the same ones). */
export const SAMPLE_TRAITS = { first_name: 'Ada', plan: 'pro' };

/** A saved template rendered (sandboxed, off the main thread) for a customer or the sample traits: the journey inspector's preview. */
export async function previewSaved(db: Db, id: string, query: SavedPreviewQuery) {
  const template = await findTemplate(db, id);
  const target = query.customerId ? { customerId: query.customerId } : { traits: SAMPLE_TRAITS };
  return previewTemplate(db, { template: { subject: template.subject, html: template.html, text: template.text }, ...target });
}

/** POST /api/templates/render: the editor's live preview. A field that does not parse is an expected answer, not an error. */
export const RenderAnswer = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), subject: z.string(), html: z.string(), text: z.string().nullable() }),
  z.object({ ok: z.literal(false), field: z.enum(['subject', 'html', 'text']).nullable(), error: z.string() }),
]);
export type RenderAnswer = z.infer<typeof RenderAnswer>;

/**
 * Renders the template being edited for a customer or sample traits, as POST /api/templates/preview does, but a
 * field whose Liquid does not parse (or reads files) comes back as `{ ok: false, field }`: typing is not a bad request.
 */
export async function renderDraft(db: Db, input: PreviewInput): Promise<RenderAnswer> {
  const check = checkTemplate({ subject: input.template.subject, html: input.template.html, text: input.template.text ?? null });
  if (!check.ok) return { ok: false, field: check.field, error: check.message };
  const result = await previewTemplate(db, input);
  return result.ok ? result : { ok: false, field: null, error: result.error };
}
