import type { Customer } from '@lifecycle/db';
import type { SendEmailInput } from '@lifecycle/workflows/activities';

/**
 * What a template sees. Traits are reachable both as `customer.traits.plan` and `customer.plan`, event properties
 * as `event.properties.x` and `event.x`; the built-in fields win over a trait of the same name.
 */
export function renderContext(customer: Customer, input: SendEmailInput, unsubscribeUrl: string): Record<string, unknown> {
  const offers = Object.fromEntries(input.offers.map((offer) => [offer.name, offer]));
  const event = input.triggerEvent;
  return {
    customer: {
      ...customer.traits,
      id: customer.id,
      email: customer.email,
      lifecycle_stage: customer.lifecycleStage,
      traits: customer.traits,
    },
    event: { ...event.properties, name: event.name, properties: event.properties, timestamp: event.timestamp },
    offer: input.offers.at(-1) ?? null,
    offers,
    unsubscribe_url: unsubscribeUrl,
  };
}
