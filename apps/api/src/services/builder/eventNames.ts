import { recentEventNames, type Db } from '@lifecycle/db';

/** GET /api/events/names → `{ names }`: distinct track-event names, most recently seen first (at most 200). */
export async function listEventNames(db: Db): Promise<{ names: string[] }> {
  return { names: await recentEventNames(db) };
}
