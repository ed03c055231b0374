import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { nextDateTraitOccurrence, nextScheduleOccurrence, upcomingScheduleOccurrences, type ScheduleEntry } from './nextOccurrence';

const noCron = () => {
  throw new Error('no cron here');
};
const local = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat("ccc yyyy-LL-dd HH:mm");
const at = (iso: string) => Date.parse(iso);

const weekly = (zone: string): ScheduleEntry => ({ kind: 'schedule', recurrence: { every: 'week', weekdays: ['mon'] }, time: '09:00', zone: { kind: 'fixed', zone } });

describe('scheduled entries', () => {
  // Europe/Paris leaves summer time on Sun 25 Oct 2026, America/New_York on Sun 1 Nov 2026; both enter spring in March 2027.
  it.each([
    ['Europe/Paris', '2026-10-12T00:00:00Z', ['2026-10-12T07:00:00.000Z', '2026-10-19T07:00:00.000Z', '2026-10-26T08:00:00.000Z', '2026-11-02T08:00:00.000Z']],
    ['America/New_York', '2026-10-19T00:00:00Z', ['2026-10-19T13:00:00.000Z', '2026-10-26T13:00:00.000Z', '2026-11-02T14:00:00.000Z', '2026-11-09T14:00:00.000Z']],
    ['Europe/Paris', '2027-03-15T00:00:00Z', ['2027-03-15T08:00:00.000Z', '2027-03-22T08:00:00.000Z', '2027-03-29T07:00:00.000Z']],
    ['America/New_York', '2027-03-01T00:00:00Z', ['2027-03-01T14:00:00.000Z', '2027-03-08T14:00:00.000Z', '2027-03-15T13:00:00.000Z']],
  ])('a weekly Monday 09:00 entry in %s stays 09:00 local across the DST change', (zone, from, expected) => {
    const occurrences = upcomingScheduleOccurrences(weekly(zone), zone, at(from) - 1, noCron, expected.length);
    expect(occurrences.map((ms) => new Date(ms).toISOString())).toEqual(expected);
    expect(occurrences.map((ms) => local(ms, zone).slice(-5))).toEqual(expected.map(() => '09:00'));
    expect(occurrences.map((ms) => local(ms, zone).slice(0, 3))).toEqual(expected.map(() => 'Mon'));
  });

  it('is strictly after the moment it is asked from: the occurrence just entered is not found again', () => {
    const first = nextScheduleOccurrence(weekly('Europe/Paris'), 'Europe/Paris', at('2026-10-12T06:00:00Z'), noCron)!;
    expect(nextScheduleOccurrence(weekly('Europe/Paris'), 'Europe/Paris', first, noCron)).toBe(at('2026-10-19T07:00:00Z'));
  });

  it('enters once at a date, and never after it', () => {
    const once: ScheduleEntry = { kind: 'schedule', recurrence: { every: 'once', date: '2026-12-24' }, time: '18:30', zone: { kind: 'customer' } };
    expect(nextScheduleOccurrence(once, 'Asia/Tokyo', at('2026-12-01T00:00:00Z'), noCron)).toBe(at('2026-12-24T09:30:00Z'));
    expect(nextScheduleOccurrence(once, 'Asia/Tokyo', at('2026-12-24T09:30:00Z'), noCron)).toBeNull();
  });

  it('enters daily at the local time', () => {
    const daily: ScheduleEntry = { kind: 'schedule', recurrence: { every: 'day' }, time: '07:15', zone: { kind: 'customer' } };
    expect(upcomingScheduleOccurrences(daily, 'America/New_York', at('2026-10-31T12:00:00Z'), noCron, 2).map((ms) => local(ms, 'America/New_York'))).toEqual([
      'Sun 2026-11-01 07:15',
      'Mon 2026-11-02 07:15',
    ]);
  });

  it('enters monthly, on the last day of shorter months', () => {
    const monthly: ScheduleEntry = { kind: 'schedule', recurrence: { every: 'month', dayOfMonth: 31 }, time: '10:00', zone: { kind: 'customer' } };
    expect(upcomingScheduleOccurrences(monthly, 'UTC', at('2027-01-01T00:00:00Z'), noCron, 4).map((ms) => local(ms, 'UTC'))).toEqual([
      'Sun 2027-01-31 10:00',
      'Sun 2027-02-28 10:00',
      'Wed 2027-03-31 10:00',
      'Fri 2027-04-30 10:00',
    ]);
  });

  it('asks the cron reader for cron recurrences, with the zone', () => {
    const cron: ScheduleEntry = { kind: 'schedule', recurrence: { every: 'cron', cron: '0 9 * * 1' }, time: '00:00', zone: { kind: 'customer' } };
    const calls: unknown[] = [];
    nextScheduleOccurrence(cron, 'Europe/Paris', 5, (expression, after, zone) => (calls.push([expression, after, zone]), 10));
    expect(calls).toEqual([['0 9 * * 1', 5, 'Europe/Paris']]);
  });
});

describe('date-trait entries', () => {
  const now = at('2026-11-30T12:00:00Z');

  it('enters 3 days before a trial ends, at 09:00 local, and not when that moment is past', () => {
    const entry = { when: { kind: 'before', offset: { amount: 3, unit: 'days' } }, time: '09:00' } as const;
    expect(local(nextDateTraitOccurrence(entry, '2026-12-10T15:00:00Z', 'Europe/Paris', now)!, 'Europe/Paris')).toBe('Mon 2026-12-07 09:00');
    expect(nextDateTraitOccurrence(entry, '2026-12-02T15:00:00Z', 'Europe/Paris', now)).toBeNull();
  });

  it('enters hours after a date at its exact time, on it, and refuses values that are no date', () => {
    const after = { when: { kind: 'after', offset: { amount: 2, unit: 'hours' } } } as const;
    expect(nextDateTraitOccurrence(after, '2026-12-10T15:00:00Z', 'UTC', now)).toBe(at('2026-12-10T17:00:00Z'));
    expect(nextDateTraitOccurrence({ when: { kind: 'on' }, time: '08:00' }, '2026-12-10', 'America/New_York', now)).toBe(at('2026-12-10T13:00:00Z'));
    expect(nextDateTraitOccurrence({ when: { kind: 'on' } }, 'soon', 'UTC', now)).toBeNull();
    expect(nextDateTraitOccurrence({ when: { kind: 'on' } }, { $gt: 1 }, 'UTC', now)).toBeNull();
  });

  it('a day offset keeps the wall-clock time across a DST change', () => {
    const entry = { when: { kind: 'before', offset: { amount: 1, unit: 'days' } } } as const;
    // 09:00 Paris on 26 Oct (winter time) minus a day is 09:00 on 25 Oct, the night the clocks went back.
    expect(local(nextDateTraitOccurrence(entry, '2026-10-26T09:00:00', 'Europe/Paris', at('2026-10-01T00:00:00Z'))!, 'Europe/Paris')).toBe('Sun 2026-10-25 09:00');
  });

  it('enters on the next anniversary (birthdays in the past go to the next one), 29 February on the 28th in other years', () => {
    const anniversary = { when: { kind: 'anniversary' }, time: '10:00' } as const;
    expect(local(nextDateTraitOccurrence(anniversary, '1990-12-03', 'Europe/Paris', now)!, 'Europe/Paris')).toBe('Thu 2026-12-03 10:00');
    expect(local(nextDateTraitOccurrence(anniversary, '1990-06-03', 'Europe/Paris', now)!, 'Europe/Paris')).toBe('Thu 2027-06-03 10:00');
    expect(local(nextDateTraitOccurrence(anniversary, '2000-02-29', 'UTC', now)!, 'UTC')).toBe('Sun 2027-02-28 10:00');
    expect(local(nextDateTraitOccurrence(anniversary, '2000-02-29', 'UTC', at('2028-01-01T00:00:00Z'))!, 'UTC')).toBe('Tue 2028-02-29 10:00');
  });

  it('a signup day is not its own anniversary', () => {
    expect(local(nextDateTraitOccurrence({ when: { kind: 'anniversary' } }, '2026-12-01T08:00:00Z', 'UTC', now)!, 'UTC')).toBe('Wed 2027-12-01 08:00');
  });
});

describe('cron shape', () => {
  it('takes five or six cron fields and refuses anything else before it reaches the parser', async () => {
    const { Recurrence } = await import('./schema');
    expect(Recurrence.safeParse({ every: 'cron', cron: '0 9 * * 1-5' }).success).toBe(true);
    expect(Recurrence.safeParse({ every: 'cron', cron: '*/15 9-17 * JAN,FEB MON#2' }).success).toBe(true);
    expect(Recurrence.safeParse({ every: 'cron', cron: '0 9 * *' }).success).toBe(false);
    expect(Recurrence.safeParse({ every: 'cron', cron: '0 9 * * 1; rm -rf' }).success).toBe(false);
    expect(Recurrence.safeParse({ every: 'cron', cron: '<script>alert(1)</script> * * * *' }).success).toBe(false);
  });
});
