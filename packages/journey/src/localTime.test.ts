import { describe, expect, it } from 'vitest';
import { describeInZone, localDateTimeMs, nextWeekdayTime, resolveZone, traitDateMs } from './localTime';

const iso = (ms: number) => new Date(ms).toISOString();

describe('time in the customer day', () => {
  it('finds 09:00 on the wall clock on both sides of a DST change (Europe/Paris, autumn 2026)', () => {
    // Sunday 25 Oct 2026 the clocks go back at 03:00 CEST: 09:00 is 07:00Z before, 08:00Z after.
    const saturday = Date.parse('2026-10-24T12:00:00Z');
    expect(iso(nextWeekdayTime(saturday, [], '09:00', 'Europe/Paris'))).toBe('2026-10-25T08:00:00.000Z');
    const friday = Date.parse('2026-10-23T12:00:00Z');
    expect(iso(nextWeekdayTime(friday, ['sat'], '09:00', 'Europe/Paris'))).toBe('2026-10-24T07:00:00.000Z');
    expect(iso(nextWeekdayTime(friday, ['mon'], '09:00', 'Europe/Paris'))).toBe('2026-10-26T08:00:00.000Z');
  });

  it('finds a weekday in New York across its spring change, and never returns the instant it starts from', () => {
    const sat = Date.parse('2026-03-07T12:00:00Z'); // 8 Mar 2026: EST → EDT
    expect(iso(nextWeekdayTime(sat, ['mon'], '09:00', 'America/New_York'))).toBe('2026-03-09T13:00:00.000Z');
    const at = Date.parse('2026-03-09T13:00:00Z');
    expect(iso(nextWeekdayTime(at, ['mon'], '09:00', 'America/New_York'))).toBe('2026-03-16T13:00:00.000Z');
  });

  it('reads a time skipped by spring-forward as the first instant after the gap', () => {
    expect(iso(localDateTimeMs('2026-03-29', '02:30', 'Europe/Paris'))).toBe('2026-03-29T01:30:00.000Z');
  });

  it("uses the customer's timezone trait, else the workspace's, else UTC; a fixed zone wins", () => {
    expect(resolveZone({ kind: 'customer' }, { timezone: 'Asia/Tokyo' }, 'Europe/Paris')).toBe('Asia/Tokyo');
    expect(resolveZone({ kind: 'customer' }, { timezone: 'Mars/Olympus' }, 'Europe/Paris')).toBe('Europe/Paris');
    expect(resolveZone({ kind: 'customer' }, {}, undefined)).toBe('UTC');
    expect(resolveZone({ kind: 'fixed', zone: 'America/New_York' }, { timezone: 'Asia/Tokyo' }, 'UTC')).toBe('America/New_York');
  });

  it('reads date traits as ISO instants, plain dates at local midnight, or epoch ms; refuses anything else', () => {
    expect(iso(traitDateMs('2026-12-01', 'Europe/Paris')!)).toBe('2026-11-30T23:00:00.000Z');
    expect(iso(traitDateMs('2026-12-01T10:00:00Z', 'Europe/Paris')!)).toBe('2026-12-01T10:00:00.000Z');
    expect(traitDateMs(1_700_000_000_000, 'UTC')).toBe(1_700_000_000_000);
    expect(traitDateMs('next tuesday', 'UTC')).toBeNull();
    expect(traitDateMs({ $gt: 1 }, 'UTC')).toBeNull();
  });

  it('describes an instant as a person in the zone reads it', () => {
    expect(describeInZone(Date.parse('2026-11-30T08:00:00Z'), 'Europe/Paris')).toMatch(/^Mon 30 Nov 2026, 09:00/);
  });
});
