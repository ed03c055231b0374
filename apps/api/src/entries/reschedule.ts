import { entryDueOf, getCustomer, getWorkspaceTimeZone, isSegmentMember, setEntryDue, type Db } from '@lifecycle/db';
import { liveEntryJourneys } from './entryJourneys';
import { nextOccurrenceFor } from './occurrence';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Keeps the customers an ingest batch touched on time for every live scheduled or date-trait journey: a new customer
 * (or a new segment member) gets their next occurrence, a changed `timezone` or date trait moves it. Called once per
 * batch inside its transaction; one query when no such journey is live. A row already due is left for the entry job,
 * which checks it against the customer as they are then.
 */
export async function rescheduleCustomers(db: Db, customerIds: Iterable<string>, now: Date): Promise<void> {
  const journeys = await liveEntryJourneys(db);
  if (journeys.size === 0) return;
  const workspaceZone = await getWorkspaceTimeZone(db);
  for (const customerId of customerIds) {
    const customer = await getCustomer(db, customerId);
    if (!customer) continue;
    for (const journey of journeys.values()) {
      const existing = await entryDueOf(db, journey.journeyId, customerId);
      if (existing?.dueAt && Date.parse(existing.dueAt) <= now.getTime()) continue;
      const { entry } = journey;
      // Segment audiences: only members are scheduled here (members who join through other paths are caught up by the job).
      if (!existing && entry.kind === 'schedule' && entry.segmentId !== undefined && !(await isSegmentMember(db, entry.segmentId, customerId))) continue;
      const dueAt = iso(nextOccurrenceFor(entry, customer.traits, workspaceZone, now.getTime()).dueMs);
      if (existing && existing.dueAt === dueAt && existing.versionId === journey.versionId) continue;
      if (!existing && dueAt === null && entry.kind === 'date_trait') continue; // no such date: nothing to remember
      await setEntryDue(db, { journeyId: journey.journeyId, customerId, versionId: journey.versionId, dueAt, occurrence: dueAt });
    }
  }
}
