import { describeEntry, describeInZone, nextDateTraitOccurrence, nextScheduleOccurrence, lookupPath, type NodeOf } from '@lifecycle/journey';
import { cronNext } from './cron';
import { entryZone, type TimedEntry } from './entryJourneys';

/** A customer's next occurrence of a timed entry strictly after `afterMs` (null: none), and the zone it was read in. */
export function nextOccurrenceFor(entry: TimedEntry, traits: Record<string, unknown>, workspaceZone: string, afterMs: number): { dueMs: number | null; zone: string } {
  const zone = entryZone(entry, traits, workspaceZone);
  switch (entry.kind) {
    case 'schedule':
      return { dueMs: nextScheduleOccurrence(entry, zone, afterMs, cronNext), zone };
    case 'date_trait':
      return { dueMs: nextDateTraitOccurrence(entry, lookupPath(traits, entry.trait), zone, afterMs), zone };
    default: {
      const unknown: never = entry;
      throw new Error(`unknown timed entry ${JSON.stringify(unknown)}`);
    }
  }
}

/** The reason recorded with an entry: "Every mon at 09:00 (the customer's time): Mon 12 Oct 2026, 09:00 GMT+2". */
export function entryReason(trigger: NodeOf<'trigger'>, dueMs: number, zone: string): string {
  return `${describeEntry(trigger)}: ${describeInZone(dueMs, zone)}`;
}
