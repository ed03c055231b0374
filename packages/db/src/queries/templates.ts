import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { templates } from '../schema';
import { deleteUnlessUsed, type GuardedDelete } from './journeyReferences';
import { recordTemplateRevision } from './templateRevisions';

export type Template = typeof templates.$inferSelect;
export type TemplateFields = { name: string; subject: string; html: string; text?: string | null };

/** Every template, by name. */
export async function listTemplates(db: Db): Promise<Template[]> {
  return await db.select().from(templates).orderBy(asc(templates.name), asc(templates.id));
}

/** The template, or undefined. */
export async function getTemplate(db: Db, id: string): Promise<Template | undefined> {
  return (await db.select().from(templates).where(eq(templates.id, id)).limit(1))[0];
}

/** The ids of every template (what a journey may reference). */
export async function templateIds(db: Db): Promise<Set<string>> {
  return new Set((await db.select({ id: templates.id }).from(templates)).map((row) => row.id));
}

/** A template saved, with the number of the revision the save stored. */
export type SavedTemplate = Template & { revision: number };

async function saved(db: Db, template: Template, savedBy: string | null): Promise<SavedTemplate> {
  const revision = await recordTemplateRevision(db, template.id, { name: template.name, subject: template.subject, html: template.html, text: template.text }, savedBy);
  return { ...template, revision };
}

/** Creates a template and its revision 1; `savedBy` names who saved it (as the audit log does). */
export async function insertTemplate(db: Db, id: string, fields: TemplateFields, savedBy: string | null = null): Promise<SavedTemplate> {
  return await db.transaction(async () => saved(db, (await db.insert(templates).values({ id, ...fields }).returning())[0]!, savedBy));
}

/** Replaces a template's content and stores it as its next revision; undefined when there is none. */
export async function updateTemplate(db: Db, id: string, fields: TemplateFields, savedBy: string | null = null): Promise<SavedTemplate | undefined> {
  return await db.transaction(async () => {
    const template = (await db
      .update(templates)
      .set({ ...fields, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` })
      .where(eq(templates.id, id))
      .returning())[0];
    return template ? await saved(db, template, savedBy) : undefined;
  });
}

/** Deletes a template unless a live version, or a version with runs in flight, sends it. */
export async function deleteTemplateUnlessUsed(db: Db, id: string): Promise<GuardedDelete> {
  return await deleteUnlessUsed(db, { nodeType: 'send_email', templateId: id }, async () => (await db.run(db.delete(templates).where(eq(templates.id, id)))).changes > 0);
}
