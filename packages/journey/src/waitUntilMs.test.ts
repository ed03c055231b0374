import { describe, expect, it } from 'vitest';
import { waitEnd, type WaitEnd } from './waitUntilMs';
import type { WaitUntil } from './schema';
import { momentForViewer, momentInZone } from './zoneWords';

const at = (iso: string) => Date.parse(iso);
const endAt = (end: WaitEnd) => (end.kind === 'at' ? new Date(end.atMs).toISOString() : end.reason);
const paris = { timezone: 'Europe/Paris' };
const renewal = (when: Extract<WaitUntil, { kind: 'trait_date' }>['when'], time?: string): WaitUntil => ({ kind: 'trait_date', trait: 'renewal_at', when, time, zone: { kind: 'customer' } });
const from = (iso: string, traits: Record<string, unknown> | null, workspaceZone?: string) => ({ startedMs: at(iso), nowMs: at(iso), traits, workspaceZone });

describe('when a wait until a moment ends', () => {
  it('1 day before a date trait at 09:00 keeps the wall clock across a DST change', () => {
    // Europe's clocks go back on Sun 25 Oct 2026: the trait is after, the day before is before the change.
    const end = waitEnd(renewal({ kind: 'before', offset: { amount: 1, unit: 'days' } }, '09:00'), from('2026-10-01T00:00:00Z', { ...paris, renewal_at: '2026-10-26' }));
    expect(endAt(end)).toBe('2026-10-25T08:00:00.000Z'); // 09:00 CET on the 25th (the change was at 03:00)
    const after = waitEnd(renewal({ kind: 'after', offset: { amount: 2, unit: 'days' } }), from('2026-10-01T00:00:00Z', { ...paris, renewal_at: '2026-10-24T10:00:00+02:00' }));
    expect(endAt(after)).toBe('2026-10-26T09:00:00.000Z'); // 10:00 CET two calendar days later
  });

  it('the anniversary is the next one after the wait started, at the local time asked', () => {
    const end = waitEnd(renewal({ kind: 'anniversary' }, '10:00'), from('2026-11-30T12:00:00Z', { ...paris, renewal_at: '2019-05-04' }));
    expect(endAt(end)).toBe('2027-05-04T08:00:00.000Z');
    const sameYear = waitEnd(renewal({ kind: 'anniversary' }), from('2026-01-10T12:00:00Z', { ...paris, renewal_at: '2020-02-29' }));
    expect(endAt(sameYear)).toBe('2026-02-27T23:00:00.000Z'); // 28 Feb in a common year, midnight in Paris
  });

  it('a past, missing or unreadable trait moves on at once, saying why', () => {
    const start = from('2026-11-30T12:00:00Z', { ...paris, renewal_at: '2026-11-03' });
    expect(endAt(waitEnd(renewal({ kind: 'on' }), start))).toBe('renewal_at is Tue 3 Nov 2026, 00:00 CET, already past: moved on at once');
    expect(endAt(waitEnd(renewal({ kind: 'before', offset: { amount: 1, unit: 'weeks' } }), start))).toBe(
      'renewal_at is Tue 3 Nov 2026, 00:00 CET, so 1 week before it (Tue 27 Oct 2026, 00:00 CET) is already past: moved on at once',
    );
    expect(endAt(waitEnd(renewal({ kind: 'on' }), from('2026-11-30T12:00:00Z', paris)))).toBe('no renewal_at: moved on at once');
    expect(endAt(waitEnd(renewal({ kind: 'on' }), from('2026-11-30T12:00:00Z', { renewal_at: '<img src=x>' })))).toBe('renewal_at is “<img src=x>”, not a date: moved on at once');
  });

  it('reads the customer zone, else the workspace zone, else UTC; a fixed zone wins over both', () => {
    const monday: WaitUntil = { kind: 'weekday_time', weekdays: ['mon'], time: '09:00', zone: { kind: 'customer' } };
    expect(waitEnd(monday, from('2026-11-27T12:00:00Z', paris))).toMatchObject({ atMs: at('2026-11-30T08:00:00Z'), zone: 'Europe/Paris', zoneSource: 'customer' });
    expect(waitEnd(monday, from('2026-11-27T12:00:00Z', { timezone: 'Not/AZone' }, 'America/New_York'))).toMatchObject({ atMs: at('2026-11-30T14:00:00Z'), zoneSource: 'workspace' });
    expect(waitEnd(monday, from('2026-11-27T12:00:00Z', null))).toMatchObject({ atMs: at('2026-11-30T09:00:00Z'), zone: 'UTC', zoneSource: 'workspace' });
    expect(waitEnd({ ...monday, zone: { kind: 'fixed', zone: 'Asia/Tokyo' } }, from('2026-11-27T12:00:00Z', paris))).toMatchObject({ atMs: at('2026-11-30T00:00:00Z'), zoneSource: 'fixed' });
  });

  it('a trait path reads own keys only', () => {
    const nested: WaitUntil = { kind: 'trait_date', trait: 'billing.renews', when: { kind: 'on' }, zone: { kind: 'customer' } };
    expect(endAt(waitEnd(nested, from('2026-11-30T12:00:00Z', { billing: { renews: '2026-12-24' } })))).toBe('2026-12-24T00:00:00.000Z');
    const proto: WaitUntil = { ...nested, trait: 'constructor.name' };
    expect(endAt(waitEnd(proto, from('2026-11-30T12:00:00Z', {})))).toBe('no constructor.name: moved on at once');
  });
});

describe('moments in words', () => {
  it("names the zone as people do, and gives the viewer's time short", () => {
    expect(momentInZone(at('2026-11-30T08:00:00Z'), 'Europe/Paris')).toBe('Mon 30 Nov 2026, 09:00 CET');
    expect(momentInZone(at('2027-03-29T07:00:00Z'), 'Europe/Paris')).toBe('Mon 29 Mar 2027, 09:00 CEST');
    expect(momentInZone(at('2026-11-30T14:00:00Z'), 'America/New_York')).toBe('Mon 30 Nov 2026, 09:00 EST');
    expect(momentForViewer(at('2026-11-30T08:00:00Z'), 'Europe/Paris', 'Europe/London')).toBe('08:00');
    expect(momentForViewer(at('2026-11-30T07:00:00Z'), 'Europe/Paris', 'America/Los_Angeles')).toBe('Sun 29 Nov, 23:00');
  });
});
