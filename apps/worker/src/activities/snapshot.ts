import type { Customer } from '@lifecycle/db';
import type { CustomerSnapshot } from '@lifecycle/workflows/activities';

/** The stored customer as the workflow sees it. */
export function toSnapshot(customer: Customer): CustomerSnapshot {
  return {
    id: customer.id,
    email: customer.email,
    traits: customer.traits,
    lifecycleStage: customer.lifecycleStage,
    subscription: customer.subscription,
    suppressed: customer.suppressed,
  };
}
