import { describe, expect, it } from 'vitest';
import { describeWaitMoment, waitMomentOf, waitStepDetail } from './waitMoment';

const paris = { until: '2026-11-30T08:00:00.000Z', zone: 'Europe/Paris', zoneSource: 'customer' };

describe("a wait's end on the run page", () => {
  it("says the moment in the customer's zone and in the viewer's", () => {
    const moment = waitMomentOf(paris)!;
    expect(describeWaitMoment(moment, 'Europe/London')).toBe('Mon 30 Nov 2026, 09:00 CET (customer, Europe/Paris) · 08:00 your time');
    expect(describeWaitMoment(moment, 'Pacific/Honolulu')).toBe('Mon 30 Nov 2026, 09:00 CET (customer, Europe/Paris) · Sun 29 Nov, 22:00 your time');
    expect(describeWaitMoment(moment, 'Europe/Berlin')).toBe('Mon 30 Nov 2026, 09:00 CET (customer, Europe/Paris) · the same in your time');
    expect(describeWaitMoment({ ...moment, zone: 'UTC', zoneSource: 'workspace' }, 'UTC')).toBe('Mon 30 Nov 2026, 08:00 UTC (workspace, UTC) · the same in your time');
  });

  it('lists how the end moved when a trait changed mid-wait', () => {
    expect(waitStepDetail({ ...paris, moves: ['moved from A to B when the customer changed'] })).toMatch(/^Until Mon 30 Nov 2026, 09:00 CET \(customer, Europe\/Paris\) · .* · moved from A to B when the customer changed$/);
  });

  it('reads a malformed or hostile detail as no moment (the cell then shows the detail as it does for any step)', () => {
    expect(waitMomentOf(null)).toBeNull();
    expect(waitMomentOf({ until: 'soon', zone: 'Europe/Paris' })).toBeNull();
    expect(waitMomentOf({ until: paris.until, zone: '<script>alert(1)</script>' })).toBeNull();
    expect(waitMomentOf({ ...paris, zoneSource: '__proto__' })?.zoneSource).toBe('customer');
    expect(waitStepDetail({ reason: 'no renewal_at: moved on at once', zone: 'Europe/Paris' })).toBeNull();
  });
});
