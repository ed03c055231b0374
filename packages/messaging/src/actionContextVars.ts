/** The run facts an action node's Liquid sees (the same names as a template's, without the email-only links). */
export interface ActionVarsInput {
  customer: { id: string; email: string | null; lifecycleStage: string | null; traits: Record<string, unknown> };
  triggerEvent: { name: string; properties: Record<string, unknown>; timestamp: string };
  offers: { name: string }[];
}

/** `customer.*`, `event.*`, `offer`, `offers`, as a template sees them (see the worker's renderContext). */
export function actionContextVars({ customer, triggerEvent, offers }: ActionVarsInput): Record<string, unknown> {
  return {
    customer: { ...customer.traits, id: customer.id, email: customer.email, lifecycle_stage: customer.lifecycleStage, traits: customer.traits },
    event: { ...triggerEvent.properties, name: triggerEvent.name, properties: triggerEvent.properties, timestamp: triggerEvent.timestamp },
    offer: offers.at(-1) ?? null,
    offers: Object.fromEntries(offers.map((offer) => [offer.name, offer])),
  };
}
