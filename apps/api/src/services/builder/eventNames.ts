import { recentEventNames, type Db } from '@lifecycle/db';

/** GET /api/events/names → `{ names }`: distinct track-event names, most recently seen first (at most 200). */
export function listEventNames(db: Db): { names: string[] } {
  return { names: recentEventNames(db) };
}
