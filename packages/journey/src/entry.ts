import { STAGE_ENTERED } from './lifecycleStages';
import type { NodeOf, TriggerEntry } from './schema';
import { SEGMENT_ENTERED, SEGMENT_EXITED } from './segments';

/**
 * The internal event a scheduled or date-trait entry is due with, one per customer and occurrence, stored and
 * dispatched like any event. Properties: `journeyId` (the journey it enters), `occurrence` (the due moment, ISO),
 * `reason` (a sentence for the run page).
 */
export const ENTRY_DUE = 'journey_entry_due';

const addressedTo = (event: { properties: Record<string, unknown> }, journeyId: string) =>
  event.properties.journeyId === undefined || event.properties.journeyId === journeyId;

/** The internal events of segment and stage changes: one addressed to a journey enters no other, whatever its trigger. */
const lifecycleEventNames: ReadonlySet<string> = new Set([SEGMENT_ENTERED, SEGMENT_EXITED, STAGE_ENTERED]);

/**
 * Whether an event enters a journey because the customer was already in its segment when it was published (not a
 * new entry into the segment): goals, analytics and waits must not read it as the customer entering the segment now.
 */
export function isEntryBackfill(event: { properties: Record<string, unknown> }): boolean {
  return event.properties.backfill === true;
}

/** What a trigger enters on; triggers saved before entry kinds existed enter on their event. */
export function entryOf(trigger: Pick<NodeOf<'trigger'>, 'entry'>): TriggerEntry {
  return trigger.entry ?? { kind: 'event' };
}

/** The event name that routes to a trigger: its own event, or the internal event its entry kind is announced by. */
export function triggerEventName(trigger: Pick<NodeOf<'trigger'>, 'entry' | 'event'>): string {
  const entry = entryOf(trigger);
  switch (entry.kind) {
    case 'event':
      return trigger.event ?? '';
    case 'segment':
      return entry.on === 'exited' ? SEGMENT_EXITED : SEGMENT_ENTERED;
    case 'stage':
      return STAGE_ENTERED;
    case 'schedule':
    case 'date_trait':
      return ENTRY_DUE;
    default: {
      const unknownEntry: never = entry;
      throw new Error(`unknown entry ${JSON.stringify(unknownEntry)}`);
    }
  }
}

/**
 * Whether an event of the trigger's routing name is this trigger's entry: the segment or stage it names, or an
 * entry due for this very journey. Trigger conditions are checked after this, for every kind alike.
 */
export function entryMatches(trigger: Pick<NodeOf<'trigger'>, 'entry' | 'event'>, journeyId: string, event: { name: string; properties: Record<string, unknown> }): boolean {
  if (event.name !== triggerEventName(trigger)) return false;
  const entry = entryOf(trigger);
  switch (entry.kind) {
    // A journey still triggered on the raw `segment_entered` (saved before segment entries) is not entered by the
    // members another journey enters at its publish; a customer's own event keeps whatever properties it has.
    case 'event':
      return !lifecycleEventNames.has(event.name) || addressedTo(event, journeyId);
    // An event addressed to one journey (`journeyId`: entering those already in a segment at publish) enters only it.
    case 'segment':
      return event.properties.segmentId === entry.segmentId && addressedTo(event, journeyId);
    case 'stage':
      return event.properties.stage === entry.stage && addressedTo(event, journeyId);
    case 'schedule':
    case 'date_trait':
      return event.properties.journeyId === journeyId;
    default: {
      const unknownEntry: never = entry;
      throw new Error(`unknown entry ${JSON.stringify(unknownEntry)}`);
    }
  }
}
