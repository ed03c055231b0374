import { DateTime } from 'luxon';
import { localDateOf, localDateTimeMs, nextWeekdayTime, traitDateMs, type LocalTime } from './localTime';
import type { Recurrence, TraitDateWhen, TriggerEntry } from './schema';

/*
 * When a scheduled or date-trait entry next happens for one customer, as an instant strictly after `afterMs`, or
 * null when it never happens again. Pure (the clock comes in as `afterMs`) and DST-correct through luxon: a 09:00
 * entry is 09:00 on the customer's wall clock on both sides of a change. Cron expressions are read by a function
 * the caller passes (cron-parser lives in the API, not in this browser-safe package).
 */

export type ScheduleEntry = Extract<TriggerEntry, { kind: 'schedule' }>;
export type DateTraitEntry = Extract<TriggerEntry, { kind: 'date_trait' }>;

/** The first instant strictly after `afterMs` a cron expression fires in `zone`, or null when it never does. */
export type CronNext = (expression: string, afterMs: number, zone: string) => number | null;

/** How far ahead a next occurrence is looked for (a monthly 31st in a year of short months still finds one). */
const MONTHS_AHEAD = 14;

function nextMonthDay(afterMs: number, dayOfMonth: number, time: LocalTime, zone: string): number | null {
  const start = DateTime.fromMillis(afterMs, { zone }).startOf('month');
  for (let offset = 0; offset <= MONTHS_AHEAD; offset += 1) {
    const month = start.plus({ months: offset });
    // The 31st of a 30-day month is its last day, as the form says.
    const day = Math.min(dayOfMonth, month.daysInMonth ?? 28);
    const at = localDateTimeMs(month.set({ day }).toISODate() as string, time, zone);
    if (at > afterMs) return at;
  }
  return null;
}

/** The next occurrence of a recurrence at a local time in `zone`, strictly after `afterMs`. */
export function nextRecurrence(recurrence: Recurrence, time: LocalTime, zone: string, afterMs: number, cronNext: CronNext): number | null {
  switch (recurrence.every) {
    case 'once': {
      const at = localDateTimeMs(recurrence.date, time, zone);
      return at > afterMs ? at : null;
    }
    case 'day':
      return nextWeekdayTime(afterMs, [], time, zone);
    case 'week':
      return nextWeekdayTime(afterMs, recurrence.weekdays, time, zone);
    case 'month':
      return nextMonthDay(afterMs, recurrence.dayOfMonth, time, zone);
    case 'cron':
      // The expression carries its own minutes and hours; the entry's time of day does not apply.
      return cronNext(recurrence.cron, afterMs, zone);
    default: {
      const unknown: never = recurrence;
      throw new Error(`unknown recurrence ${JSON.stringify(unknown)}`);
    }
  }
}

/** A scheduled entry's next occurrence for a customer whose time zone is `zone`. */
export function nextScheduleOccurrence(entry: ScheduleEntry, zone: string, afterMs: number, cronNext: CronNext): number | null {
  return nextRecurrence(entry.recurrence, entry.time, zone, afterMs, cronNext);
}

/** The moment moved to a local time of day (same local date), or left as it is without one. */
function atLocalTime(ms: number, time: LocalTime | undefined, zone: string): number {
  return time === undefined ? ms : localDateTimeMs(localDateOf(ms, zone), time, zone);
}

/**
 * The year's anniversary of `base` in `zone`: same month and day (29 February is 28 February in a year without
 * one), at `time` or at the base's own local time of day.
 */
function anniversaryIn(year: number, base: DateTime, time: LocalTime | undefined): number {
  const first = DateTime.fromObject({ year, month: base.month, day: 1 }, { zone: base.zone });
  const day = Math.min(base.day, first.daysInMonth ?? 28);
  const moment = first.set({ day, hour: base.hour, minute: base.minute, second: base.second, millisecond: base.millisecond });
  return atLocalTime(moment.toMillis(), time, base.zoneName ?? 'UTC');
}

/**
 * A date-trait entry's next occurrence, strictly after `afterMs`: the offset before or after the date, on it, or
 * its next anniversary (never the date itself: a signup day is not its own anniversary). A moment already past
 * does not enter (null), except anniversaries, which move to the next year.
 */
export function nextDateTraitOccurrence(entry: Pick<DateTraitEntry, 'when' | 'time'>, traitValue: unknown, zone: string, afterMs: number): number | null {
  const baseMs = traitDateMs(traitValue, zone);
  if (baseMs === null) return null;
  const base = DateTime.fromMillis(baseMs, { zone });
  const when: TraitDateWhen = entry.when;
  let at: number;
  switch (when.kind) {
    case 'on':
      at = atLocalTime(baseMs, entry.time, zone);
      break;
    case 'before':
    case 'after': {
      const sign = when.kind === 'before' ? -1 : 1;
      // Calendar units (days, weeks) keep the wall-clock time across a DST change; shorter units are exact lengths.
      const shifted = base.plus({ [when.offset.unit]: sign * when.offset.amount });
      at = atLocalTime(shifted.toMillis(), entry.time, zone);
      break;
    }
    case 'anniversary': {
      const fromYear = Math.max(base.year + 1, DateTime.fromMillis(afterMs, { zone }).year - 1);
      for (let year = fromYear; year <= fromYear + 2; year += 1) {
        const candidate = anniversaryIn(year, base, entry.time);
        if (candidate > afterMs) return candidate;
      }
      return null;
    }
    default: {
      const unknown: never = when;
      throw new Error(`unknown date-trait timing ${JSON.stringify(unknown)}`);
    }
  }
  return at > afterMs ? at : null;
}

/** The next `count` occurrences of a scheduled entry after `afterMs` (for the "Next entries" preview). */
export function upcomingScheduleOccurrences(entry: ScheduleEntry, zone: string, afterMs: number, cronNext: CronNext, count: number): number[] {
  const found: number[] = [];
  let from = afterMs;
  while (found.length < count) {
    const next = nextScheduleOccurrence(entry, zone, from, cronNext);
    if (next === null) break;
    found.push(next);
    from = next;
  }
  return found;
}
