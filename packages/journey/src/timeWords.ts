import { entryOf, triggerEventName } from './entry';
import type { Duration, NodeOf, Recurrence, TraitDateWhen, WaitUntil } from './schema';
import { DateTime } from 'luxon';
import type { TimeZoneChoice, Weekday } from './localTime';

const quoted = (text: string) => `“${text}”`;

/** "2 days", "1 hour". */
export function durationText(duration: Duration): string {
  const unit = duration.amount === 1 ? duration.unit.replace(/s$/, '') : duration.unit;
  return `${duration.amount} ${unit}`;
}

function zoneText(zone: TimeZoneChoice | undefined): string {
  return zone?.kind === 'fixed' ? zone.zone : "the customer's time";
}

function recurrenceText(recurrence: Recurrence): string {
  switch (recurrence.every) {
    case 'once':
      return `on ${recurrence.date}`;
    case 'day':
      return 'every day';
    case 'week':
      return `every ${recurrence.weekdays.join(', ')}`;
    case 'month':
      return `monthly on day ${recurrence.dayOfMonth}`;
    case 'cron':
      return `on cron ${quoted(recurrence.cron)}`;
  }
}

function traitWhenText(trait: string, when: TraitDateWhen): string {
  switch (when.kind) {
    case 'before':
      return `${durationText(when.offset)} before ${quoted(trait)}`;
    case 'after':
      return `${durationText(when.offset)} after ${quoted(trait)}`;
    case 'on':
      return `on ${quoted(trait)}`;
    case 'anniversary':
      return `on the anniversary of ${quoted(trait)}`;
  }
}

/** Segment names by id, for the words of a segment entry; a segment without one is "a segment" (never its id). */
export type EntryNames = { segments?: ReadonlyMap<string, string> };

/**
 * What starts a run, in words: "When “signed_up”", "When a customer enters “Power users”", "Every mon, fri at 09:00
 * (the customer's time)".
 */
export function describeEntry(trigger: NodeOf<'trigger'>, names: EntryNames = {}): string {
  const entry = entryOf(trigger);
  switch (entry.kind) {
    case 'event':
      return `When ${quoted(triggerEventName(trigger))}`;
    case 'segment': {
      const name = names.segments?.get(entry.segmentId);
      return `When a customer ${entry.on === 'exited' ? 'leaves' : 'enters'} ${name ? quoted(name) : 'a segment'}`;
    }
    case 'stage':
      return `When a customer reaches ${quoted(entry.stage)}`;
    case 'schedule': {
      const text = recurrenceText(entry.recurrence);
      return `${text[0]!.toUpperCase()}${text.slice(1)} at ${entry.time} (${zoneText(entry.zone)})`;
    }
    case 'date_trait':
      return `Enter ${traitWhenText(entry.trait, entry.when)}${entry.time ? ` at ${entry.time} (${zoneText(entry.zone)})` : ''}`;
  }
}

const dayWords: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/** "Thu 24 Dec 2026, 09:00 +01:00": a fixed moment with the offset it was written with. */
function fixedMomentText(at: string): string {
  const moment = DateTime.fromISO(at, { setZone: true });
  return moment.isValid ? moment.setLocale('en-GB').toFormat('ccc d LLL yyyy, HH:mm ZZ') : at;
}

/** A wait until a moment, in words: "Wait until Mon, Tue at 09:00 (the customer's time)", "Wait until 1 day before “renewal_at”". */
export function describeWaitUntil(until: WaitUntil): string {
  switch (until.kind) {
    case 'weekday_time':
      return `Wait until ${until.weekdays.length > 0 ? until.weekdays.map((day) => dayWords[day]).join(', ') : 'any day'} at ${until.time} (${zoneText(until.zone)})`;
    case 'date':
      return `Wait until ${fixedMomentText(until.at)}`;
    case 'trait_date':
      return `Wait until ${traitWhenText(until.trait, until.when)}${until.time ? ` at ${until.time} (${zoneText(until.zone)})` : ''}`;
  }
}
