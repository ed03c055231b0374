import type { Customer } from '@lifecycle/db';
import type { TeamRecipient } from '@lifecycle/journey';
import { z } from 'zod';

const Address = z.email().max(320);

/** The address a team note goes to: the literal one, or the customer trait's value when it is an email address. */
export function teamRecipient(to: TeamRecipient, customer: Customer): string | null {
  if (to.kind === 'address') return to.address;
  const value = to.trait.split('.').reduce<unknown>((current, key) => (current !== null && typeof current === 'object' && Object.hasOwn(current, key) ? (current as Record<string, unknown>)[key] : undefined), customer.traits);
  const parsed = Address.safeParse(typeof value === 'string' ? value.trim() : value);
  return parsed.success ? parsed.data : null;
}
