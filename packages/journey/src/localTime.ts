import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';

/*
 * Time in the customer's day. Luxon (well kept, DST-correct, IANA zones through the runtime's Intl data) does the
 * calendar arithmetic; it is pure and reads the clock only through the `fromMs` it is given, so the workflow can call
 * it with workflow time and stay deterministic on replay.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const Weekday = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof Weekday>;

/** A time of day as a marketer writes it, 24-hour `HH:MM`. */
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM, for example 09:00');
export type LocalTime = z.infer<typeof LocalTime>;

/** A calendar day, `YYYY-MM-DD`. */
export const LocalDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date as YYYY-MM-DD');
export type LocalDate = z.infer<typeof LocalDate>;

export function isTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

/** An IANA time zone name (`Europe/Paris`, `America/New_York`, `UTC`). */
export const TimeZoneName = z.string().min(1).max(64).refine(isTimeZone, 'an IANA time zone such as Europe/Paris or America/New_York');

/** Whose clock a time of day is read on: the customer's (trait `timezone`, else the workspace's) or one fixed zone. */
export const TimeZoneChoice = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('customer') }),
  z.object({ kind: z.literal('fixed'), zone: TimeZoneName }),
]).describe("the customer's time zone (trait `timezone`, else the workspace's) or one fixed zone");
export type TimeZoneChoice = z.infer<typeof TimeZoneChoice>;

/** The trait that holds a customer's IANA time zone. */
export const TIMEZONE_TRAIT = 'timezone';
export const DEFAULT_WORKSPACE_TIME_ZONE = 'UTC';

/** The zone a choice resolves to for one customer; a missing or invalid `timezone` trait falls back to the workspace's. */
export function resolveZone(choice: TimeZoneChoice | undefined, traits: Record<string, unknown> | null | undefined, workspaceZone: string | undefined): string {
  const workspace = workspaceZone && isTimeZone(workspaceZone) ? workspaceZone : DEFAULT_WORKSPACE_TIME_ZONE;
  if (choice?.kind === 'fixed') return choice.zone;
  const own = traits?.[TIMEZONE_TRAIT];
  return typeof own === 'string' && isTimeZone(own) ? own : workspace;
}

function hoursMinutes(time: LocalTime): { hour: number; minute: number } {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return { hour, minute };
}

/**
 * The instant a local date and time happen in `zone`. A time skipped by a DST change (02:30 on a spring-forward
 * night) is the first instant after the gap, as a person's clock would show it.
 */
export function localDateTimeMs(date: LocalDate, time: LocalTime, zone: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return DateTime.fromObject({ year, month, day, ...hoursMinutes(time) }, { zone }).toMillis();
}

/**
 * The first instant strictly after `fromMs` whose local time in `zone` is `time` on one of `days` (any day when
 * empty). DST-correct: 09:00 is 09:00 on the wall clock on both sides of a change.
 */
export function nextWeekdayTime(fromMs: number, days: readonly Weekday[], time: LocalTime, zone: string): number {
  const { hour, minute } = hoursMinutes(time);
  const from = DateTime.fromMillis(fromMs, { zone });
  for (let offset = 0; offset <= 8; offset += 1) {
    const day = from.plus({ days: offset }).set({ hour, minute, second: 0, millisecond: 0 });
    if (days.length > 0 && !days.includes(WEEKDAYS[day.weekday - 1] as Weekday)) continue;
    if (day.toMillis() > fromMs) return day.toMillis();
  }
  throw new Error('unreachable: every week has each weekday');
}

/** The local calendar date of an instant in a zone. */
export function localDateOf(ms: number, zone: string): LocalDate {
  return DateTime.fromMillis(ms, { zone }).toISODate() as LocalDate;
}

/** "Mon 30 Nov 2026, 09:00 CET": an instant as a person in `zone` reads it. */
export function describeInZone(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('ccc d LLL yyyy, HH:mm ZZZZ');
}

/**
 * A date trait read as an instant: an ISO date-time (with or without zone: without one it is read in `zone`), a plain
 * `YYYY-MM-DD` (midnight in `zone`), or epoch milliseconds. Null when the value is none of these.
 */
export function traitDateMs(value: unknown, zone: string): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string' || value.length > 64) return null;
  const parsed = DateTime.fromISO(value, { zone, setZone: false });
  return parsed.isValid ? parsed.toMillis() : null;
}
