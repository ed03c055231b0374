import { changeStage, findCustomer, getCustomer, queueRecheck, requestEntryCheck, updateCustomer } from '@lifecycle/db';
import { ENTRY_DUE } from '@lifecycle/journey';
import type { JourneyActivities } from '@lifecycle/workflows/activities';
import type { ResolvedDeps } from './deps';
import { toSnapshot } from './snapshot';

/**
 * Merges traits and/or sets the stage; setting the same values again changes nothing, so retries are safe.
 * A stage change is recorded in the stage history (cause: the journey node) and emits `stage_entered`,
 * which the API dispatches to journeys; the API's lifecycle sweep then re-checks the customer's segments.
 */
export function makeUpdateCustomer({ db }: ResolvedDeps): JourneyActivities['updateCustomer'] {
  return async ({ workflowId, nodeId, customerId: runCustomerId, traits, lifecycleStage }) => {
    // A run started before an anonymous visitor identified still names the anonymous id.
    const customerId = (await findCustomer(db, runCustomerId))?.id ?? runCustomerId;
    const customer = await db.transaction(async () => {
      const updated = traits ? await updateCustomer(db, customerId, { traits }) : await getCustomer(db, customerId);
      if (!updated) return undefined;
      if (lifecycleStage) await changeStage(db, { customerId, to: lifecycleStage, cause: `journey node ${nodeId} (run ${workflowId})` });
      await queueRecheck(db, customerId, new Date().toISOString());
      // A date trait set by a journey moves this customer's date-trait entries (an earlier date is seen now, not at the old due time).
      if (traits) await requestEntryCheck(db, customerId, new Date(), ENTRY_DUE);
      return await getCustomer(db, customerId);
    }, { customers: [customerId] });
    return customer ? toSnapshot(customer) : null;
  };
}
