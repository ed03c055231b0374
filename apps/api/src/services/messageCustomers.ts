import { currentCustomers, type Db } from '@lifecycle/db';
import type { SegmentMessage } from './segmentMessages';

/** The id a message names: the userId, else `anon:<anonymousId>` (before aliases are followed). */
export function customerIdOf(message: SegmentMessage): string {
  return message.userId ?? `anon:${message.anonymousId}`;
}

/** Every id a message names before aliases are followed: its customer's, and the identities it links to them. */
function idsNamed(message: SegmentMessage): string[] {
  const ids = [customerIdOf(message)];
  if (message.userId !== undefined && message.userId !== null && message.anonymousId) ids.push(`anon:${message.anonymousId}`);
  if (message.type === 'alias' && message.previousId) ids.push(message.previousId, `anon:${message.previousId}`);
  return ids;
}

/** A merge another process committed moved an id of the batch to a customer whose lock the transaction lacks. */
class CustomersMoved extends Error {
  constructor(readonly customers: string[]) {
    super('a concurrent merge moved an id of the batch to another customer');
  }
}

/** How often a batch starts again because merges keep moving its ids: each time needs another process's merge. */
const MAX_ATTEMPTS = 20;

/**
 * Runs `work` in one transaction that holds the lock of every customer the messages are about, taken before it
 * writes (on Postgres; SQLite's one writer serialises every transaction anyway). Two processes storing one customer's
 * events then run one after the other: the rollup triggers and event counts see each other's rows, and the
 * customer's events are numbered in the order they were stored.
 *
 * Which customer an id stands for is known only by reading the aliases, which a concurrent merge may change until the
 * locks are held. So the ids are resolved first, the customers locked, and the ids resolved again: when a merge moved
 * one meanwhile, the transaction starts again with that customer's lock too. A merge holds the locks of both
 * customers it joins, so once the locks are held the ids stay where they are.
 */
export async function inMessagesCustomersTransaction<T>(db: Db, messages: readonly SegmentMessage[], work: () => Promise<T>): Promise<T> {
  if (db.dialect === 'sqlite') return await db.transaction(work);
  const ids = messages.flatMap(idsNamed);
  // The ids themselves too: one not yet merged anywhere is its own customer.
  let locked = new Set([...ids, ...(await currentCustomers(db, ids))]);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(
        async () => {
          const moved = [...(await currentCustomers(db, ids))].filter((customer) => !locked.has(customer));
          if (moved.length > 0) throw new CustomersMoved(moved);
          return await work();
        },
        { customers: [...locked] },
      );
    } catch (error) {
      if (!(error instanceof CustomersMoved) || attempt >= MAX_ATTEMPTS) throw error;
      locked = new Set([...locked, ...error.customers]);
    }
  }
}
