import { eq } from 'drizzle-orm';
import { AnalyticsSettings, DEFAULT_ANALYTICS_SETTINGS } from '@lifecycle/journey';
import type { Db } from '../client';
import { analyticsSettings } from './settingsSchema';

/** The workspace's analytics settings; the defaults until an admin saves some. */
export async function loadAnalyticsSettings(db: Db): Promise<AnalyticsSettings> {
  const row = (await db.select().from(analyticsSettings).where(eq(analyticsSettings.id, 'default')).limit(1))[0];
  if (!row) return DEFAULT_ANALYTICS_SETTINGS;
  const parsed = AnalyticsSettings.safeParse(row.config);
  // A row written by an older version with a field since removed or renamed still yields usable settings.
  return parsed.success ? parsed.data : DEFAULT_ANALYTICS_SETTINGS;
}

/** Saves the analytics settings (already validated by the caller). */
export async function saveAnalyticsSettings(db: Db, settings: AnalyticsSettings): Promise<void> {
  const updatedAt = new Date().toISOString();
  await db.insert(analyticsSettings)
    .values({ id: 'default', config: settings, updatedAt })
    .onConflictDoUpdate({ target: analyticsSettings.id, set: { config: settings, updatedAt } });
}
