import { describe, expect, it } from 'vitest';
import { effectiveSendPolicy, quietHoursEnd, type QuietHours } from './sendPolicy';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const night: QuietHours = { start: '21:00', end: '08:00', days: [] };

describe('quiet hours', () => {
  it('cross midnight on the customer clock: 23:30 and 06:00 Paris wait until 08:00 Paris; 08:00 and 20:59 are free', () => {
    expect(iso(quietHoursEnd(at('2026-11-30T22:30:00Z'), night, 'Europe/Paris'))).toBe('2026-12-01T07:00:00.000Z');
    expect(iso(quietHoursEnd(at('2026-12-01T05:00:00Z'), night, 'Europe/Paris'))).toBe('2026-12-01T07:00:00.000Z');
    expect(quietHoursEnd(at('2026-12-01T07:00:00Z'), night, 'Europe/Paris')).toBeNull();
    expect(quietHoursEnd(at('2026-12-01T19:59:00Z'), night, 'Europe/Paris')).toBeNull();
    // The same instant is 17:30 in New York: free there.
    expect(quietHoursEnd(at('2026-11-30T22:30:00Z'), night, 'America/New_York')).toBeNull();
  });

  it('belong to the day they start on: Friday night quiet hours reach into Saturday morning, Thursday night has none', () => {
    const fridays: QuietHours = { ...night, days: ['fri'] };
    expect(iso(quietHoursEnd(at('2026-12-05T06:00:00Z'), fridays, 'UTC'))).toBe('2026-12-05T08:00:00.000Z'); // Sat 06:00
    expect(quietHoursEnd(at('2026-12-04T06:00:00Z'), fridays, 'UTC')).toBeNull(); // Fri 06:00: Thursday's night is not quiet
  });

  it('within one day when the end is later than the start, and DST-correct on the wall clock', () => {
    const lunch: QuietHours = { start: '12:00', end: '14:00', days: [] };
    expect(iso(quietHoursEnd(at('2026-06-01T10:30:00Z'), lunch, 'Europe/Paris'))).toBe('2026-06-01T12:00:00.000Z');
    // The night clocks go back in Paris (25 Oct 2026): 08:00 local is 07:00Z, not 06:00Z.
    expect(iso(quietHoursEnd(at('2026-10-25T03:00:00Z'), night, 'Europe/Paris'))).toBe('2026-10-25T07:00:00.000Z');
  });
});

describe('a journey override', () => {
  it('takes the workspace rule, none, or its own, rule by rule', () => {
    const workspace = { frequencyCap: { limit: 3, windowHours: 24 }, quietHours: night };
    expect(effectiveSendPolicy(workspace, null)).toEqual(workspace);
    expect(effectiveSendPolicy(workspace, { frequencyCap: { mode: 'off' }, quietHours: { mode: 'workspace' } })).toEqual({ frequencyCap: null, quietHours: night });
    expect(effectiveSendPolicy(workspace, { frequencyCap: { mode: 'custom', value: { limit: 1, windowHours: 168 } }, quietHours: { mode: 'off' } })).toEqual({ frequencyCap: { limit: 1, windowHours: 168 }, quietHours: null });
  });
});
