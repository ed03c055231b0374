import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLease } from './lease';
import { openTestDatabase } from '@lifecycle/db/testing';
import { gate } from '@lifecycle/db/testing/concurrency';


afterEach(() => {
  vi.restoreAllMocks();
});

describe('a lease', () => {
  it('is not claimed when its renewal waited so long for the database that too little of it is left', async () => {
    const db = openTestDatabase(':memory:');
    let clock = Date.parse('2026-06-01T12:00:00.000Z');
    vi.spyOn(Date, 'now').mockImplementation(() => clock);
    const lease = createLease({ db, name: 'dispatch', holder: 'a', ttlMs: 10_000, onError: (error) => expect.fail(String(error)) });

    // Another transaction holds the database's one connection: the renewal waits for it.
    const released = gate();
    const holding = db.transaction(async () => await released.passed);
    const held = lease.held();
    clock += 9_500; // the wait took most of the term: half a second of it is left when the lease is written
    released.open();
    await holding;
    expect(await held).toBe(false);
    expect(lease.isMine()).toBe(true); // taken all the same, and renewed on the next try

    clock += 100;
    expect(await lease.held()).toBe(true);
    await db.close();
  });
});
