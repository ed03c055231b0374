import { eq } from 'drizzle-orm';
import type { Db } from '../client';
import { workspaceSettings } from '../workspaceSchema';

/** The workspace's time zone (UTC until an admin sets one). */
export async function getWorkspaceTimeZone(db: Db): Promise<string> {
  return (await db.select({ timeZone: workspaceSettings.timeZone }).from(workspaceSettings).where(eq(workspaceSettings.id, 'default')).limit(1))[0]?.timeZone ?? 'UTC';
}

/** Sets the workspace's time zone; the caller has checked it is an IANA name. */
export async function setWorkspaceTimeZone(db: Db, timeZone: string): Promise<void> {
  const updatedAt = new Date().toISOString();
  await db.insert(workspaceSettings).values({ id: 'default', timeZone, updatedAt }).onConflictDoUpdate({ target: workspaceSettings.id, set: { timeZone, updatedAt } });
}
