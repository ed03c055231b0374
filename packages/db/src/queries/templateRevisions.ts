import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { templateRevisions } from '../templateHistorySchema';

export type TemplateRevision = typeof templateRevisions.$inferSelect;
/** A revision as a history list shows it: who saved what when, without the bodies. */
export type TemplateRevisionSummary = Pick<TemplateRevision, 'revision' | 'name' | 'subject' | 'savedAt' | 'savedBy'>;
/** What one save of a template holds. */
export type RevisedFields = { name: string; subject: string; html: string; text: string | null };

/**
 * Stores `fields` as the template's next revision (its highest number + 1, computed in the insert itself, so two
 * saves never take the same number) and returns that number.
 */
export function recordTemplateRevision(db: Db, templateId: string, fields: RevisedFields, savedBy: string | null): number {
  const next = sql<number>`(select coalesce(max(${templateRevisions.revision}), 0) + 1 from ${templateRevisions} where ${templateRevisions.templateId} = ${templateId})`;
  const row = db
    .insert(templateRevisions)
    .values({ templateId, revision: next, name: fields.name, subject: fields.subject, html: fields.html, text: fields.text, savedBy })
    .returning({ revision: templateRevisions.revision })
    .get();
  return row.revision;
}

/** The template's revisions, newest first. */
export function listTemplateRevisions(db: Db, templateId: string): TemplateRevisionSummary[] {
  return db
    .select({ revision: templateRevisions.revision, name: templateRevisions.name, subject: templateRevisions.subject, savedAt: templateRevisions.savedAt, savedBy: templateRevisions.savedBy })
    .from(templateRevisions)
    .where(eq(templateRevisions.templateId, templateId))
    .orderBy(desc(templateRevisions.revision))
    .all();
}

/** One revision of a template, or undefined. */
export function getTemplateRevision(db: Db, templateId: string, revision: number): TemplateRevision | undefined {
  return db
    .select()
    .from(templateRevisions)
    .where(and(eq(templateRevisions.templateId, templateId), eq(templateRevisions.revision, revision)))
    .get();
}

/** The number of the template's latest revision (what it holds now), or undefined when it has none. */
export function currentTemplateRevision(db: Db, templateId: string): number | undefined {
  const row = db
    .select({ revision: sql<number | null>`max(${templateRevisions.revision})` })
    .from(templateRevisions)
    .where(eq(templateRevisions.templateId, templateId))
    .get();
  return row?.revision ?? undefined;
}
