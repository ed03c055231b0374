import { getTemplateRevision, listTemplateRevisions, liveVersionsSending, type Db } from '@lifecycle/db';
import { z } from 'zod';
import { notFound } from '../errors';
import { Instant } from '../responses/common';
import { findTemplate, replaceTemplate } from './templates';

/** `:id/revisions/:revision` in a path. */
export const RevisionParams = z.object({ id: z.string().min(1).max(200), revision: z.coerce.number().int().min(1).max(1_000_000_000) });
export type RevisionParams = z.infer<typeof RevisionParams>;

const RevisionSummary = z.object({ revision: z.number().int(), name: z.string(), subject: z.string(), savedAt: Instant, savedBy: z.string().nullable() });

/** A live journey version sending the template; `revision` null: published before pinning, it sends the template as it is now. */
const LiveUse = z.object({ journeyId: z.string(), journeyName: z.string(), versionId: z.string(), version: z.number().int(), revision: z.number().int().nullable() });

/** GET /api/templates/:id/revisions: the history, newest first, and which revision each live journey sends. */
export const TemplateHistory = z.object({ current: z.number().int().nullable(), revisions: z.array(RevisionSummary), liveUses: z.array(LiveUse) });
export type TemplateHistory = z.infer<typeof TemplateHistory>;

/** GET /api/templates/:id/revisions/:revision: one revision with its bodies. */
export const TemplateRevision = RevisionSummary.extend({ templateId: z.string(), html: z.string(), text: z.string().nullable() });
export type TemplateRevision = z.infer<typeof TemplateRevision>;

export async function templateHistory(db: Db, id: string): Promise<TemplateHistory> {
  await findTemplate(db, id);
  const revisions = await listTemplateRevisions(db, id);
  return { current: revisions[0]?.revision ?? null, revisions, liveUses: await liveVersionsSending(db, id) };
}

export async function findRevision(db: Db, { id, revision }: RevisionParams): Promise<TemplateRevision> {
  await findTemplate(db, id);
  const row = await getTemplateRevision(db, id, revision);
  if (!row) throw notFound('template revision', `${id}/${revision}`);
  const { id: _rowId, ...rest } = row;
  return rest;
}

/**
 * Saves revision `n` again as the template's newest revision (history is never rewritten). It passes the same checks
 * as any save, so a revision that no longer renders under today's sandbox limits is refused with the field named.
 */
export async function restoreRevision(db: Db, params: RevisionParams, savedBy: string | null) {
  const old = await findRevision(db, params);
  return replaceTemplate(db, params.id, { name: old.name, subject: old.subject, html: old.html, text: old.text }, savedBy);
}
