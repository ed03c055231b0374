import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { journeys, journeyVersions, templates } from '../schema';
import { journeyVersionTemplates, templateRevisions } from '../templateHistorySchema';

/**
 * Pins, for a version just made live, the current revision of each template it sends. A template already pinned for
 * the version keeps its pin (publish hooks may run again), and one without revisions is left unpinned.
 */
export async function pinVersionTemplates(db: Db, versionId: string, templateIds: readonly string[]): Promise<void> {
  await db.transaction(async () => {
    for (const templateId of new Set(templateIds)) {
      await db.run(sql`insert into ${journeyVersionTemplates} (version_id, template_id, revision)
        select ${versionId}, ${templateId}, max(${templateRevisions.revision}) from ${templateRevisions}
        where ${templateRevisions.templateId} = ${templateId} having max(${templateRevisions.revision}) is not null
        on conflict do nothing`);
    }
  });
}

/** The revision of the template that runs of the version send, or undefined when the version pinned none. */
export async function pinnedRevision(db: Db, versionId: string, templateId: string): Promise<number | undefined> {
  return (await db
    .select({ revision: journeyVersionTemplates.revision })
    .from(journeyVersionTemplates)
    .where(and(eq(journeyVersionTemplates.versionId, versionId), eq(journeyVersionTemplates.templateId, templateId))).limit(1))[0]?.revision;
}

/** The template a send renders; `revision` is null for a template saved before history (never, after migration 0027). */
export type TemplateForSend = { subject: string; html: string; text: string | null; revision: number | null; pinned: boolean };

/**
 * What a send of `templateId` by a run of `versionId` renders: the revision the version pinned when it went live, even
 * if the template was edited or deleted since; for a version published before pinning existed (no pin), the template
 * as it is now. Undefined when neither exists.
 */
export async function templateForSend(db: Db, versionId: string | undefined, templateId: string): Promise<TemplateForSend | undefined> {
  const pin = versionId === undefined ? undefined : await pinnedRevision(db, versionId, templateId);
  if (pin !== undefined) {
    const row = (await db
      .select()
      .from(templateRevisions)
      .where(and(eq(templateRevisions.templateId, templateId), eq(templateRevisions.revision, pin))).limit(1))[0];
    if (row) return { subject: row.subject, html: row.html, text: row.text, revision: row.revision, pinned: true };
  }
  const current = (await db.select().from(templates).where(eq(templates.id, templateId)).limit(1))[0];
  if (!current) return undefined;
  const latest = (await db
    .select({ revision: sql<number | null>`max(${templateRevisions.revision})` })
    .from(templateRevisions)
    .where(eq(templateRevisions.templateId, templateId)).limit(1))[0];
  return { subject: current.subject, html: current.html, text: current.text, revision: latest?.revision ?? null, pinned: false };
}

/** A live journey version that sends the template, and the revision it pinned (null: published before pinning, sends the template as it is now). */
export type LiveTemplateUse = { journeyId: string; journeyName: string; versionId: string; version: number; revision: number | null };

/** The live versions whose graph has a send node for the template, by journey name. */
export async function liveVersionsSending(db: Db, templateId: string): Promise<LiveTemplateUse[]> {
  const sendsIt = sql`exists (select 1 from json_each(${journeyVersions.graph}, '$.nodes') as node
    where json_extract(node.value, '$.type') = 'send_email' and json_extract(node.value, '$.templateId') = ${templateId})`;
  return await db
    .select({
      journeyId: journeys.id,
      journeyName: journeys.name,
      versionId: journeyVersions.id,
      version: journeyVersions.version,
      revision: journeyVersionTemplates.revision,
    })
    .from(journeys)
    .innerJoin(journeyVersions, eq(journeyVersions.id, journeys.liveVersionId))
    .leftJoin(journeyVersionTemplates, and(eq(journeyVersionTemplates.versionId, journeyVersions.id), eq(journeyVersionTemplates.templateId, templateId)))
    .where(sendsIt)
    .orderBy(asc(journeys.name), asc(journeys.id));
}
