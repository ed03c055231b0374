import { audiencePage, audienceTimeZoneValues, clearJourneySchedule, getWorkspaceTimeZone, scheduleAudienceZone, setEntryDue, type Db } from '@lifecycle/db';
import { TIMEZONE_TRAIT } from '@lifecycle/journey';
import type { PublishedVersion } from '../services/publishHooks';
import { timedEntryOf, type EntryJourney } from './entryJourneys';
import { nextOccurrenceFor } from './occurrence';

const PAGE = 1_000;
/** Past this many distinct `timezone` values, one statement per value costs more than reading the customers. */
const MAX_ZONE_GROUPS = 200;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Set-based: a scheduled entry's occurrence depends only on the zone, so every customer of one raw `timezone` value
 * (or everyone, in a fixed zone) gets one INSERT … SELECT. False when there are too many distinct values.
 */
async function scheduleByZone(db: Db, journey: EntryJourney & { entry: { kind: 'schedule' } }, workspaceZone: string, nowMs: number): Promise<boolean> {
  const filter = { segmentId: journey.entry.segmentId };
  const row = (dueMs: number | null) => ({ journeyId: journey.journeyId, versionId: journey.versionId, dueAt: iso(dueMs) });
  if (journey.entry.zone.kind === 'fixed') {
    await scheduleAudienceZone(db, filter, '*', row(nextOccurrenceFor(journey.entry, {}, workspaceZone, nowMs).dueMs));
    return true;
  }
  const values = await audienceTimeZoneValues(db, filter, MAX_ZONE_GROUPS);
  if (values.length > MAX_ZONE_GROUPS) return false;
  for (const value of values) {
    const { dueMs } = nextOccurrenceFor(journey.entry, { [TIMEZONE_TRAIT]: value }, workspaceZone, nowMs);
    await scheduleAudienceZone(db, filter, value, row(dueMs));
  }
  return true;
}

/** Per customer, a page at a time (date traits differ per customer; many zones): each page its own transaction. */
async function scheduleByPages(db: Db, journey: EntryJourney, workspaceZone: string, nowMs: number): Promise<void> {
  const filter = journey.entry.kind === 'schedule' ? { segmentId: journey.entry.segmentId } : { trait: journey.entry.trait };
  let afterId = '';
  for (;;) {
    const page = await audiencePage(db, filter, afterId, PAGE);
    await db.transaction(async () => {
      for (const customer of page) {
        const { dueMs } = nextOccurrenceFor(journey.entry, customer.traits, workspaceZone, nowMs);
        await setEntryDue(db, { journeyId: journey.journeyId, customerId: customer.id, versionId: journey.versionId, dueAt: iso(dueMs), occurrence: iso(dueMs) });
      }
    });
    if (page.length < PAGE) return;
    afterId = page[page.length - 1]!.id;
  }
}

/**
 * Computes every audience member's next occurrence when a version with a schedule or date-trait entry goes live
 * (replacing the rows of the journey's earlier version): the publish hook. A version without one clears them.
 * Date-trait entries backfill every existing customer holding the trait.
 */
export async function scheduleEntriesOnPublish(db: Db, published: PublishedVersion, now = new Date()): Promise<void> {
  await clearJourneySchedule(db, published.journeyId);
  const timed = timedEntryOf(published.graph);
  if (!timed) return;
  const journey: EntryJourney = { journeyId: published.journeyId, versionId: published.versionId, ...timed };
  const workspaceZone = await getWorkspaceTimeZone(db);
  const nowMs = now.getTime();
  if (journey.entry.kind === 'schedule' && (await scheduleByZone(db, { ...journey, entry: journey.entry }, workspaceZone, nowMs))) return;
  await scheduleByPages(db, journey, workspaceZone, nowMs);
}
