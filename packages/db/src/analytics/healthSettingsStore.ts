import { eq, sql } from 'drizzle-orm';
import { HealthSettings, DEFAULT_HEALTH_SETTINGS } from '@lifecycle/journey';
import type { Db } from '../client';
import { healthSettings } from './healthSchema';

/** The health score's definition; no rules (no score) until an admin saves some. */
export async function loadHealthSettings(db: Db): Promise<HealthSettings> {
  const row = (await db.select({ config: healthSettings.config }).from(healthSettings).where(eq(healthSettings.id, 'default')).limit(1))[0];
  if (!row) return DEFAULT_HEALTH_SETTINGS;
  const parsed = HealthSettings.safeParse(row.config);
  // A row written by an older version that no longer parses scores nobody rather than failing every ingest.
  return parsed.success ? parsed.data : DEFAULT_HEALTH_SETTINGS;
}

/** Saves the definition (already validated) and asks the sweep to rescore every customer with it. */
export async function saveHealthSettings(db: Db, settings: HealthSettings): Promise<void> {
  const updatedAt = new Date().toISOString();
  await db.insert(healthSettings)
    .values({ id: 'default', config: settings, version: 1, rescoredVersion: 0, rescoreCursor: null, updatedAt })
    .onConflictDoUpdate({ target: healthSettings.id, set: { config: settings, version: sql`${healthSettings.version} + 1`, rescoreCursor: null, updatedAt } });
}

/** Where the everyone-rescore stands: undefined when every customer was scored with the current definition. */
export async function pendingRescore(db: Db): Promise<{ version: number; cursor: string } | undefined> {
  const row = (await db.select().from(healthSettings).where(eq(healthSettings.id, 'default')).limit(1))[0];
  if (!row || row.rescoredVersion >= row.version) return undefined;
  return { version: row.version, cursor: row.rescoreCursor ?? '' };
}

/** Moves the rescore on past `cursor`; `done` marks `version` finished (a save meanwhile bumped the version and starts over). */
export async function advanceRescore(db: Db, version: number, cursor: string, done: boolean): Promise<void> {
  const set = done ? { rescoredVersion: version, rescoreCursor: null } : { rescoreCursor: cursor };
  await db.update(healthSettings).set(set).where(sql`${healthSettings.id} = 'default' AND ${healthSettings.version} = ${version}`);
}
