import { grantOfferCode } from '@lifecycle/db';
import type { JourneyActivities } from '@lifecycle/workflows/activities';
import type { ResolvedDeps } from './deps';

/** Grants one code per (workflowId, nodeId); a retry gets the code the first attempt got. */
export function makeGrantOffer({ db, clock }: ResolvedDeps): JourneyActivities['grantOffer'] {
  return async ({ workflowId, nodeId, offerId, customerId }) =>
    Promise.resolve(await grantOfferCode(db, { workflowId, nodeId, offerId, customerId, at: clock().toISOString() }));
}
