import type { ConditionGroup, Facts } from '@lifecycle/journey';
import type { CustomerSnapshot } from './activities';
import type { RunEvent } from './messages';

/** A customer that could not be loaded: no traits, no email, not subscribed. */
const unknownCustomer: Facts['customer'] = { traits: {}, lifecycleStage: null, email: null, subscription: 'unsubscribed' };

/** The facts conditions are evaluated against: the customer as loaded (if at all) and the event in hand. */
export function factsFor(customer: CustomerSnapshot | null, event: RunEvent | null): Facts {
  const customerFacts = customer
    ? { traits: customer.traits, lifecycleStage: customer.lifecycleStage, email: customer.email, subscription: customer.subscription }
    : unknownCustomer;
  return event ? { customer: customerFacts, event: { name: event.name, properties: event.properties } } : { customer: customerFacts };
}

/** True when a condition group reads the customer (a trait or a customer field), so it is worth loading them. */
export function readsCustomer(group: ConditionGroup | undefined): boolean {
  if (!group) return false;
  return group.conditions.some((item) => ('match' in item ? readsCustomer(item) : item.source !== 'event'));
}
