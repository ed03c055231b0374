import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { templates } from '../schema';
import { deleteUnlessUsed, type GuardedDelete } from './journeyReferences';
import { recordTemplateRevision } from './templateRevisions';

export type Template = typeof templates.$inferSelect;
export type TemplateFields = { name: string; subject: string; html: string; text?: string | null };

/** Every template, by name. */
export function listTemplates(db: Db): Template[] {
  return db.select().from(templates).orderBy(asc(templates.name), asc(templates.id)).all();
}

/** The template, or undefined. */
export function getTemplate(db: Db, id: string): Template | undefined {
  return db.select().from(templates).where(eq(templates.id, id)).get();
}

/** The ids of every template (what a journey may reference). */
export function templateIds(db: Db): Set<string> {
  return new Set(db.select({ id: templates.id }).from(templates).all().map((row) => row.id));
}

/** A template saved, with the number of the revision the save stored. */
export type SavedTemplate = Template & { revision: number };

function saved(db: Db, template: Template, savedBy: string | null): SavedTemplate {
  const revision = recordTemplateRevision(db, template.id, { name: template.name, subject: template.subject, html: template.html, text: template.text }, savedBy);
  return { ...template, revision };
}

/** Creates a template and its revision 1; `savedBy` names who saved it (as the audit log does). */
export function insertTemplate(db: Db, id: string, fields: TemplateFields, savedBy: string | null = null): SavedTemplate {
  return db.transaction(() => saved(db, db.insert(templates).values({ id, ...fields }).returning().get(), savedBy), { behavior: 'immediate' });
}

/** Replaces a template's content and stores it as its next revision; undefined when there is none. */
export function updateTemplate(db: Db, id: string, fields: TemplateFields, savedBy: string | null = null): SavedTemplate | undefined {
  return db.transaction(() => {
    const template = db
      .update(templates)
      .set({ ...fields, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` })
      .where(eq(templates.id, id))
      .returning()
      .get();
    return template ? saved(db, template, savedBy) : undefined;
  }, { behavior: 'immediate' });
}

/** Deletes a template unless a live version, or a version with runs in flight, sends it. */
export function deleteTemplateUnlessUsed(db: Db, id: string): GuardedDelete {
  return deleteUnlessUsed(db, { nodeType: 'send_email', templateId: id }, () => db.delete(templates).where(eq(templates.id, id)).run().changes > 0);
}
