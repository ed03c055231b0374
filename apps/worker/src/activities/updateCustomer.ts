import { updateCustomer } from '@lifecycle/db';
import type { JourneyActivities } from '@lifecycle/workflows/activities';
import type { ResolvedDeps } from './deps';
import { toSnapshot } from './snapshot';

/** Merges traits and/or sets the stage; setting the same values again changes nothing, so retries are safe. */
export function makeUpdateCustomer({ db }: ResolvedDeps): JourneyActivities['updateCustomer'] {
  return ({ customerId, traits, lifecycleStage }) => {
    const customer = updateCustomer(db, customerId, {
      ...(traits ? { traits } : {}),
      ...(lifecycleStage ? { lifecycleStage } : {}),
    });
    return Promise.resolve(customer ? toSnapshot(customer) : null);
  };
}
