import { desc, lt } from 'drizzle-orm';
import type { Db } from '../client';
import { auditLog } from '../authSchema';

export type AuditEntry = typeof auditLog.$inferSelect;
export type NewAuditEntry = typeof auditLog.$inferInsert;

/** Appends one entry; ids sort by time, so paging goes by id. */
export async function insertAuditEntry(db: Db, entry: NewAuditEntry): Promise<void> {
  await db.insert(auditLog).values(entry);
}

/** Newest first, `limit` entries older than the entry `beforeId` when given. */
export async function listAuditEntries(db: Db, limit: number, beforeId?: string): Promise<AuditEntry[]> {
  const query = db.select().from(auditLog);
  const filtered = beforeId ? query.where(lt(auditLog.id, beforeId)) : query;
  return await filtered.orderBy(desc(auditLog.id)).limit(limit);
}
