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
export async function recordTemplateRevision(db: Db, templateId: string, fields: RevisedFields, savedBy: string | null): Promise<number> {
  const next = sql<number>`(select coalesce(max(${templateRevisions.revision}), 0) + 1 from ${templateRevisions} where ${templateRevisions.templateId} = ${templateId})`;
  const row = (await db
    .insert(templateRevisions)
    .values({ templateId, revision: next, name: fields.name, subject: fields.subject, html: fields.html, text: fields.text, savedBy })
    .returning({ revision: templateRevisions.revision }))[0]!;
  return row.revision;
}

/** The template's revisions, newest first. */
export async function listTemplateRevisions(db: Db, templateId: string): Promise<TemplateRevisionSummary[]> {
  return await db
    .select({ revision: templateRevisions.revision, name: templateRevisions.name, subject: templateRevisions.subject, savedAt: templateRevisions.savedAt, savedBy: templateRevisions.savedBy })
    .from(templateRevisions)
    .where(eq(templateRevisions.templateId, templateId))
    .orderBy(desc(templateRevisions.revision));
}

/** One revision of a template, or undefined. */
export async function getTemplateRevision(db: Db, templateId: string, revision: number): Promise<TemplateRevision | undefined> {
  return (await db
    .select()
    .from(templateRevisions)
    .where(and(eq(templateRevisions.templateId, templateId), eq(templateRevisions.revision, revision))).limit(1))[0];
}

/** The number of the template's latest revision (what it holds now), or undefined when it has none. */
export async function currentTemplateRevision(db: Db, templateId: string): Promise<number | undefined> {
  const row = (await db
    .select({ revision: sql<number | null>`max(${templateRevisions.revision})` })
    .from(templateRevisions)
    .where(eq(templateRevisions.templateId, templateId)).limit(1))[0];
  return row?.revision ?? undefined;
}
