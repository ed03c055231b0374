import type { Context } from 'hono';
import { insertAuditEntry, listAuditEntries, type Db } from '@lifecycle/db';
import { z } from 'zod';
import type { AppEnv } from '../appContext';
import { actorOf } from '../auth/principal';
import { sortableId } from '../sortableId';

/** Records that the caller of this request did `action` (e.g. `journey.publish`) to a target. */
export async function audit(c: Context<AppEnv>, action: string, target: { type: string; id: string | null }, summary: Record<string, unknown> = {}): Promise<void> {
  await insertAuditEntry(c.var.deps.db, { id: sortableId('aud'), ...actorOf(c.var.principal), action, targetType: target.type, targetId: target.id, summary });
}

/** GET /api/audit query parameters. */
export const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).max(200).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** A page of the audit log, newest first; `nextCursor` is null on the last page. */
export async function pageOfAudit(db: Db, query: AuditQuery) {
  const rows = await listAuditEntries(db, query.limit + 1, query.cursor);
  const entries = rows.slice(0, query.limit);
  return { entries, nextCursor: rows.length > query.limit ? (entries.at(-1)?.id ?? null) : null };
}
