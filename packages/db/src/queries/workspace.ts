import { eq } from 'drizzle-orm';
import type { Db } from '../client';
import { workspaceSettings } from '../workspaceSchema';

/** The workspace's time zone (UTC until an admin sets one). */
export function getWorkspaceTimeZone(db: Db): string {
  return db.select({ timeZone: workspaceSettings.timeZone }).from(workspaceSettings).where(eq(workspaceSettings.id, 'default')).get()?.timeZone ?? 'UTC';
}

/** Sets the workspace's time zone; the caller has checked it is an IANA name. */
export function setWorkspaceTimeZone(db: Db, timeZone: string): void {
  const updatedAt = new Date().toISOString();
  db.insert(workspaceSettings).values({ id: 'default', timeZone, updatedAt }).onConflictDoUpdate({ target: workspaceSettings.id, set: { timeZone, updatedAt } }).run();
}
