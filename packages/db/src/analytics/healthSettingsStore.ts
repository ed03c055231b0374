import { eq, sql } from 'drizzle-orm';
import { HealthSettings, DEFAULT_HEALTH_SETTINGS } from '@lifecycle/journey';
import type { Db } from '../client';
import { healthSettings } from './healthSchema';

/** The health score's definition; no rules (no score) until an admin saves some. */
export function loadHealthSettings(db: Db): HealthSettings {
  const row = db.select({ config: healthSettings.config }).from(healthSettings).where(eq(healthSettings.id, 'default')).get();
  if (!row) return DEFAULT_HEALTH_SETTINGS;
  const parsed = HealthSettings.safeParse(row.config);
  // A row written by an older version that no longer parses scores nobody rather than failing every ingest.
  return parsed.success ? parsed.data : DEFAULT_HEALTH_SETTINGS;
}

/** Saves the definition (already validated) and asks the sweep to rescore every customer with it. */
export function saveHealthSettings(db: Db, settings: HealthSettings): void {
  const updatedAt = new Date().toISOString();
  db.insert(healthSettings)
    .values({ id: 'default', config: settings, version: 1, rescoredVersion: 0, rescoreCursor: null, updatedAt })
    .onConflictDoUpdate({ target: healthSettings.id, set: { config: settings, version: sql`${healthSettings.version} + 1`, rescoreCursor: null, updatedAt } })
    .run();
}

/** Where the everyone-rescore stands: undefined when every customer was scored with the current definition. */
export function pendingRescore(db: Db): { version: number; cursor: string } | undefined {
  const row = db.select().from(healthSettings).where(eq(healthSettings.id, 'default')).get();
  if (!row || row.rescoredVersion >= row.version) return undefined;
  return { version: row.version, cursor: row.rescoreCursor ?? '' };
}

/** Moves the rescore on past `cursor`; `done` marks `version` finished (a save meanwhile bumped the version and starts over). */
export function advanceRescore(db: Db, version: number, cursor: string, done: boolean): void {
  const set = done ? { rescoredVersion: version, rescoreCursor: null } : { rescoreCursor: cursor };
  db.update(healthSettings).set(set).where(sql`${healthSettings.id} = 'default' AND ${healthSettings.version} = ${version}`).run();
}
