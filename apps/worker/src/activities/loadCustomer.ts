import { findCustomer } from '@lifecycle/db';
import type { JourneyActivities } from '@lifecycle/workflows/activities';
import type { ResolvedDeps } from './deps';
import { toSnapshot } from './snapshot';

/** The customer as stored now, or null when there is none. */
export function makeLoadCustomer({ db }: ResolvedDeps): JourneyActivities['loadCustomer'] {
  return async (customerId) => {
    const customer = await findCustomer(db, customerId);
    return Promise.resolve(customer ? toSnapshot(customer) : null);
  };
}
