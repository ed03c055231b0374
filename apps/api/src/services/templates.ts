import { randomUUID } from 'node:crypto';
import { checkTemplate } from '@lifecycle/messaging';
import { deleteTemplate, getTemplate, insertTemplate, listTemplates, updateTemplate, type Db } from '@lifecycle/db';
import { z } from 'zod';
import { HttpError, notFound } from '../errors';

/** A template as the editor sends it; subject, html and text are Liquid. */
export const TemplateInput = z.object({
  name: z.string().trim().min(1).max(200),
  subject: z.string().min(1).max(998),
  html: z.string().max(512 * 1024),
  text: z.string().max(512 * 1024).nullish(),
});
export type TemplateInput = z.infer<typeof TemplateInput>;

/** 400 `invalid_template` naming the field whose Liquid does not parse. */
function checked(input: TemplateInput): TemplateInput & { text: string | null } {
  const template = { ...input, text: input.text ?? null };
  const check = checkTemplate(template);
  if (!check.ok) {
    throw new HttpError(400, 'invalid_template', `${check.field}: ${check.message}`, { issues: [{ path: check.field, message: check.message }] });
  }
  return template;
}

export function listAll(db: Db) {
  return listTemplates(db);
}

export function findTemplate(db: Db, id: string) {
  const template = getTemplate(db, id);
  if (!template) throw notFound('template', id);
  return template;
}

export function createTemplate(db: Db, input: TemplateInput) {
  return insertTemplate(db, randomUUID(), checked(input));
}

export function replaceTemplate(db: Db, id: string, input: TemplateInput) {
  const template = updateTemplate(db, id, checked(input));
  if (!template) throw notFound('template', id);
  return template;
}

export function removeTemplate(db: Db, id: string): void {
  if (!deleteTemplate(db, id)) throw notFound('template', id);
}
