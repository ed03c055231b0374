import { describeEntry, describeInZone, TriggerNode } from '@lifecycle/journey';
import { getCustomer, getJourney, getWorkspaceTimeZone, journeyEntrySchedule, type Db } from '@lifecycle/db';
import { HttpError } from '../errors';
import { cronProblem } from './cron';
import { nextOccurrenceFor } from './occurrence';

export type SchedulePreview = {
  description: string | null;
  zone: string | null;
  problem: string | null;
  occurrences: { at: string; local: string }[];
  scheduled: { customerId: string; dueAt: string | null }[];
};

/** The draft's trigger when it enters on a schedule or a date trait (a half-edited draft may not parse: null). */
function draftTrigger(draft: unknown) {
  const nodes = (draft as { nodes?: unknown[] } | null)?.nodes ?? [];
  const raw = nodes.find((node) => (node as { type?: unknown } | null)?.type === 'trigger');
  const parsed = TriggerNode.safeParse(raw);
  if (!parsed.success) return null;
  const entry = parsed.data.entry;
  return entry && (entry.kind === 'schedule' || entry.kind === 'date_trait') ? { trigger: parsed.data, entry: entry } : null;
}

/**
 * The next `count` entries of the draft's trigger for one customer (a real one, or a sample with no traits: the
 * workspace's zone), and the next customers the live version has scheduled.
 */
export async function schedulePreview(db: Db, journeyId: string, customerId: string | undefined, now: Date, count = 5): Promise<SchedulePreview> {
  const journey = await getJourney(db, journeyId);
  if (!journey) throw new HttpError(404, 'not_found', 'no such journey');
  const customer = customerId === undefined ? undefined : await getCustomer(db, customerId);
  if (customerId !== undefined && !customer) throw new HttpError(404, 'not_found', 'no such customer', { field: 'customerId' });
  const scheduled = (await journeyEntrySchedule(db, journeyId, count)).map((row) => ({ customerId: row.customerId, dueAt: row.dueAt }));
  const timed = draftTrigger(journey.draft);
  if (!timed) return { description: null, zone: null, problem: null, occurrences: [], scheduled };
  const { trigger, entry } = timed;
  const problem = entry.kind === 'schedule' && entry.recurrence.every === 'cron' ? cronProblem(entry.recurrence.cron) : null;
  const traits = customer?.traits ?? {};
  const workspaceZone = await getWorkspaceTimeZone(db);
  const occurrences: SchedulePreview['occurrences'] = [];
  let zone: string | null = null;
  for (let after = now.getTime(); occurrences.length < count; ) {
    const next = nextOccurrenceFor(entry, traits, workspaceZone, after);
    zone = next.zone;
    if (next.dueMs === null) break;
    occurrences.push({ at: new Date(next.dueMs).toISOString(), local: describeInZone(next.dueMs, next.zone) });
    after = next.dueMs;
  }
  return { description: describeEntry(trigger), zone, problem, occurrences, scheduled };
}
