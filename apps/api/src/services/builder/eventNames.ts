import type { Db } from '@lifecycle/db';

/** GET /api/events/names → `{ names }`: distinct track-event names, most recently seen first (at most 200). */
export function listEventNames(db: Db): { names: string[] } {
  const rows = db.$client
    .prepare(`SELECT name FROM events WHERE name IS NOT NULL AND name <> '' GROUP BY name ORDER BY MAX(received_at) DESC LIMIT 200`)
    .all() as { name: string }[];
  return { names: rows.map((row) => row.name) };
}
