import { currentHealthOf, type Customer, type Db } from '@lifecycle/db';
import type { TeamNoteFacts } from '@lifecycle/messaging';
import type { NotifyTeamInput } from '@lifecycle/workflows/activities';

/** The customer's name as people write it in traits: `name`, else first and last name. */
export function customerName(traits: Record<string, unknown>): string | null {
  if (typeof traits.name === 'string' && traits.name.trim() !== '') return traits.name.trim();
  const parts = [traits.first_name, traits.last_name].filter((part): part is string => typeof part === 'string' && part.trim() !== '');
  return parts.length > 0 ? parts.join(' ') : null;
}

/** Where the note's reader opens the customer in the app. */
export function profileUrl(publicUrl: string, customerId: string): string {
  return `${publicUrl}/#/customers/${encodeURIComponent(customerId)}`;
}

/** The facts a team note shows (the rendered message is added by the caller). */
export async function teamNoteFacts(db: Db, customer: Customer, input: NotifyTeamInput, publicUrl: string, message: string | null): Promise<TeamNoteFacts> {
  return {
    customer: { id: customer.id, email: customer.email, name: customerName(customer.traits), lifecycleStage: customer.lifecycleStage },
    health: await currentHealthOf(db, customer.id),
    event: { name: input.triggerEvent.name, timestamp: input.triggerEvent.timestamp, properties: input.triggerEvent.properties },
    traits: (input.node.includeTraits ?? []).map((name) => ({ name, value: name.split('.').reduce<unknown>((value, key) => (value !== null && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined), customer.traits) })),
    message,
    profileUrl: profileUrl(publicUrl, customer.id),
    journeyStep: input.node.label?.trim() || 'Customer alert',
  };
}
