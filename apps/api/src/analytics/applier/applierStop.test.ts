import { describe, expect, it, vi } from 'vitest';
import { queueAnalyticsEvent } from '@lifecycle/db';
import { startAnalyticsApplier } from './analyticsApplier';
import { openTestDatabase } from '@lifecycle/db/testing';
import { gate } from '@lifecycle/db/testing/concurrency';


describe('stopping the analytics applier', () => {
  it('resolves once the pass in progress has ended, so the database can be closed after it', async () => {
    const db = openTestDatabase(':memory:');
    // Queued by another process: the applier's pass notes it (and holds back, as for ingest) before counting.
    await queueAnalyticsEvent(db, { eventId: 'evt_elsewhere', customerId: 'ada', name: null, queuedAt: new Date().toISOString() });
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const applier = startAnalyticsApplier({ db, busyShare: 0.05, tickMs: 10, log: (message) => expect.fail(message) });
      // A transaction holds the database's one connection: the pass that starts now waits for it.
      const released = gate();
      void db.transaction(async () => await released.passed);
      vi.advanceTimersByTime(10);
      expect(applier.busy()).toBe(false);
      const stopped = applier.stop();
      released.open();
      await stopped;
      expect(applier.busy()).toBe(true); // the pass went on to the end: it saw what the other process queued
      await db.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
