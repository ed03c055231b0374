import { DateTime } from 'luxon';
import { localDateOf, localDateTimeMs, nextWeekdayTime, resolveZone, TIMEZONE_TRAIT, traitDateMs, isTimeZone } from './localTime';
import type { Duration, TraitDateWhen, WaitUntil } from './schema';
import { durationText } from './timeWords';
import { momentInZone } from './zoneWords';

/** Whose clock a wait's moment was read on: the customer's `timezone` trait, the workspace's zone, or the node's fixed zone. */
export type ZoneSource = 'customer' | 'workspace' | 'fixed';

/** When a wait until a moment ends: at an instant in a zone, or now (the moment is past or cannot be known), with the reason. */
export type WaitEnd =
  | { kind: 'at'; atMs: number; zone: string; zoneSource: ZoneSource }
  | { kind: 'now'; reason: string; zone: string; zoneSource: ZoneSource };

export interface WaitEndInput {
  /** When the wait started (workflow time, in the journey's own clock): "next Monday" is the first Monday after it. */
  startedMs: number;
  /** Now, in the journey's own clock: a moment at or before it is past. */
  nowMs: number;
  traits: Record<string, unknown> | null | undefined;
  workspaceZone: string | undefined;
}

function zoneOf(until: WaitUntil, traits: WaitEndInput['traits'], workspaceZone: string | undefined): { zone: string; zoneSource: ZoneSource } {
  const choice = until.kind === 'date' ? undefined : until.zone;
  if (choice?.kind === 'fixed') return { zone: choice.zone, zoneSource: 'fixed' };
  const own = traits?.[TIMEZONE_TRAIT];
  const zone = resolveZone(choice, traits, workspaceZone);
  return { zone, zoneSource: typeof own === 'string' && isTimeZone(own) ? 'customer' : 'workspace' };
}

/** A trait at a dotted path (`billing.renewal_at`), own keys only: a path is the marketer's, never a way into prototypes. */
export function traitAtPath(traits: Record<string, unknown> | null | undefined, path: string): unknown {
  let value: unknown = traits ?? undefined;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Calendar arithmetic in the zone: "1 day before" keeps the wall-clock time across a DST change. */
function shift(ms: number, offset: Duration, sign: 1 | -1, zone: string): number {
  return DateTime.fromMillis(ms, { zone }).plus({ [offset.unit]: sign * offset.amount }).toMillis();
}

function nextAnniversary(traitMs: number, fromMs: number, zone: string, time: string | undefined): number {
  const trait = DateTime.fromMillis(traitMs, { zone });
  const from = DateTime.fromMillis(fromMs, { zone });
  for (let year = Math.max(from.year, trait.year + 1); ; year += 1) {
    // 29 Feb falls on 28 Feb in a common year (luxon clamps the day), as people celebrate it.
    const day = trait.set({ year });
    const at = time ? localDateTimeMs(localDateOf(day.toMillis(), zone), time, zone) : day.toMillis();
    if (at > fromMs) return at;
  }
}

function traitMoment(traitMs: number, when: TraitDateWhen, fromMs: number, zone: string, time: string | undefined): number {
  const atTime = (ms: number) => (time ? localDateTimeMs(localDateOf(ms, zone), time, zone) : ms);
  switch (when.kind) {
    case 'on':
      return atTime(traitMs);
    case 'before':
      return atTime(shift(traitMs, when.offset, -1, zone));
    case 'after':
      return atTime(shift(traitMs, when.offset, 1, zone));
    case 'anniversary':
      return nextAnniversary(traitMs, fromMs, zone, time);
  }
}

function quotedValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return `“${text.length > 40 ? `${text.slice(0, 40)}…` : text}”`;
}

function whenWords(when: TraitDateWhen, trait: string): string {
  switch (when.kind) {
    case 'before':
      return `${durationText(when.offset)} before it`;
    case 'after':
      return `${durationText(when.offset)} after it`;
    case 'on':
    case 'anniversary':
      return `the ${trait} itself`;
  }
}

/**
 * When a wait until a moment ends, for one customer. Pure (the clock comes in `input`), so the workflow calls it
 * with workflow time and stays deterministic. A moment at or before `nowMs` ends the wait now, with the reason
 * ("renewal_at is Tue 3 Nov 2026, 00:00 CET, already past: moved on at once").
 */
export function waitEnd(until: WaitUntil, input: WaitEndInput): WaitEnd {
  const { zone, zoneSource } = zoneOf(until, input.traits, input.workspaceZone);
  const now = (reason: string): WaitEnd => ({ kind: 'now', reason, zone, zoneSource });
  const at = (atMs: number, past: string): WaitEnd => (atMs > input.nowMs ? { kind: 'at', atMs, zone, zoneSource } : now(past));
  switch (until.kind) {
    case 'weekday_time': {
      const atMs = nextWeekdayTime(input.startedMs, until.weekdays, until.time, zone);
      return at(atMs, `${momentInZone(atMs, zone)} is already past: moved on at once`);
    }
    case 'date': {
      const atMs = Date.parse(until.at);
      return at(atMs, `${momentInZone(atMs, zone)} is already past: moved on at once`);
    }
    case 'trait_date': {
      const value = traitAtPath(input.traits, until.trait);
      if (value === undefined || value === null || value === '') return now(`no ${until.trait}: moved on at once`);
      const traitMs = traitDateMs(value, zone);
      if (traitMs === null) return now(`${until.trait} is ${quotedValue(value)}, not a date: moved on at once`);
      const atMs = traitMoment(traitMs, until.when, input.startedMs, zone, until.time);
      const isTrait = until.when.kind === 'on' && !until.time;
      const past = isTrait
        ? `${until.trait} is ${momentInZone(traitMs, zone)}, already past: moved on at once`
        : `${until.trait} is ${momentInZone(traitMs, zone)}, so ${until.when.kind === 'on' ? 'the moment' : whenWords(until.when, until.trait)} (${momentInZone(atMs, zone)}) is already past: moved on at once`;
      return at(atMs, past);
    }
  }
}
