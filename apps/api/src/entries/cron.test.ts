import { describe, expect, it } from 'vitest';
import { cronNext, cronProblem } from './cron';

describe('cron entries', () => {
  it('reads a cron expression in the zone, DST-correct: 09:00 on weekdays stays 09:00 in Paris across the change', () => {
    const monday = cronNext('0 9 * * 1-5', Date.parse('2026-10-23T12:00:00Z'), 'Europe/Paris')!;
    expect(new Date(monday).toISOString()).toBe('2026-10-26T08:00:00.000Z'); // Monday after the clocks went back: 09:00 CET
    expect(new Date(cronNext('0 9 * * 1-5', Date.parse('2026-10-22T12:00:00Z'), 'Europe/Paris')!).toISOString()).toBe('2026-10-23T07:00:00.000Z'); // 09:00 CEST
  });

  it('is strictly after the moment asked from', () => {
    const at = Date.parse('2026-11-30T09:00:00Z');
    expect(cronNext('0 9 * * *', at, 'UTC')).toBe(at + 86_400_000);
  });

  it('names an unreadable expression and never fires it', () => {
    expect(cronProblem('0 25 * * *')).toMatch(/cannot be read/);
    expect(cronNext('0 25 * * *', 0, 'UTC')).toBeNull();
    expect(cronProblem('0 9 * * 1')).toBeNull();
  });
});
