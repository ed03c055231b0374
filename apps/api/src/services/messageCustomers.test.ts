import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { events, getCustomer, type Db } from '@lifecycle/db';
import { onPostgres, openTestDatabase } from '@lifecycle/db/testing';
import { customerLockWaiters, gate } from '@lifecycle/db/testing/concurrency';
import { storeMessages } from './ingest';
import type { SegmentMessage } from './segmentMessages';

// Ingest in two processes at once: each batch holds the locks of the customers it is about (their ids resolved through
// the aliases) from before its first write to its commit, so two batches about one customer run one after the other.

let file: string;
let first: Db;
let second: Db;
beforeEach(async () => {
  file = `/tmp/message-customers-${process.pid}-${Math.random().toString(36).slice(2)}.db`;
  first = openTestDatabase(file);
  second = openTestDatabase(file); // another process on the same database (on SQLite, another connection to the file)
});
/** Opened after each test, so a test that failed while a transaction was held open does not hold the teardown. */
const gates: (() => void)[] = [];
afterEach(async () => {
  for (const open of gates.splice(0)) open();
  await first.close();
  await second.close();
});

const track = (fields: Partial<SegmentMessage>, event = 'viewed') => ({ type: 'track', event, ...fields }) as SegmentMessage;

/** Holds `customers`' locks in a transaction of `db` until the answer's `release`. */
async function holdLocks(db: Db, customers: string[]) {
  const held = gate();
  const release = gate();
  gates.push(release.open);
  const done = db.transaction(
    async () => {
      held.open();
      await release.passed;
    },
    { customers },
  );
  await held.passed;
  return { release: async () => (release.open(), await done) };
}

/** Resolves when `work` is seen waiting on a lock, or rejects when it finished instead. */
async function seenWaiting(db: Db, work: Promise<unknown>): Promise<void> {
  let finished = false;
  void work.then(
    () => (finished = true),
    () => (finished = true),
  );
  while ((await customerLockWaiters(db)) === 0) {
    if (finished) throw new Error('the store finished while the other transaction held its customer');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe.skipIf(!onPostgres())('ingest holds the locks of the customers it writes (Postgres; SQLite has one writer)', () => {
  it('waits for another process writing the same customer, and not for one writing another customer', async () => {
    const holder = await holdLocks(second, ['u1']);
    const same = storeMessages(first, [track({ userId: 'u1' })], null);
    await seenWaiting(second, same);
    await storeMessages(first, [track({ userId: 'u2' })], null); // another customer: stored while u1 is held
    expect(await getCustomer(first, 'u2')).toBeDefined();
    expect(await getCustomer(first, 'u1')).toBeUndefined();
    await holder.release();
    await same;
    expect(await getCustomer(first, 'u1')).toBeDefined();
  });

  it('locks the customer an anonymous id was merged into, not only the id the message names', async () => {
    await storeMessages(first, [{ type: 'identify', userId: 'known', anonymousId: 'visitor', traits: {} }], null);
    const holder = await holdLocks(second, ['known']);
    const later = storeMessages(first, [track({ anonymousId: 'visitor' })], null);
    await seenWaiting(second, later);
    await holder.release();
    await later;
    expect((await first.select().from(events)).filter((event) => event.name === 'viewed').map((event) => event.customerId)).toEqual(['known']);
  });

  it('takes the lock of the customer a merge committed meanwhile moved the id to', async () => {
    await storeMessages(first, [track({ anonymousId: 'visitor' })], null);
    // Another process merges the visitor into `known` and holds the transaction open.
    const merged = gate();
    const release = gate();
    gates.push(release.open);
    const merge = second.transaction(
      async () => {
        await storeMessages(second, [{ type: 'identify', userId: 'known', anonymousId: 'visitor', traits: {} }], null);
        merged.open();
        await release.passed;
      },
      { customers: ['known', 'anon:visitor'] },
    );
    await merged.passed;
    // The visitor's next event still reads `anon:visitor` as its own customer (the merge is not committed) and waits on it.
    const later = storeMessages(first, [track({ anonymousId: 'visitor' }, 'clicked')], null);
    await seenWaiting(second, later);
    // A third transaction queues for `known`; it has that lock as soon as the merge commits.
    const onKnown = holdLocks(second, ['known']);
    release.open();
    await merge;
    const holder = await onKnown;
    // The event is about `known` now: its store must wait for `known`'s lock too, not write beside the holder.
    await seenWaiting(second, later);
    await holder.release();
    await later;
    const clicked = (await first.select().from(events)).filter((event) => event.name === 'clicked');
    expect(clicked.map((event) => event.customerId)).toEqual(['known']);
  });
});
