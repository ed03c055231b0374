import { TIMEZONE_TRAIT } from './localTime';
import type { WaitUntil } from './schema';

/**
 * The event a customer's running runs receive when an `identify` changed their traits: a wait keyed to a date trait
 * (or to the customer's `timezone`) reloads the customer and re-arms its timer. `properties.traits` lists the trait
 * keys the identify set (absent: any may have changed).
 */
export const TRAITS_UPDATED = 'customer_traits_updated';

/** The run event an identify becomes for the customer's running runs (the dispatcher signals it like any event). */
export function traitsUpdatedEvent(identify: { id: string; traits: Record<string, unknown> | null; timestamp: string }) {
  return { id: identify.id, name: TRAITS_UPDATED, properties: { traits: Object.keys(identify.traits ?? {}) }, timestamp: identify.timestamp };
}

/** Whether an event says a trait a wait reads (a top-level key of `traitPath`, or `timezone`) may have changed. */
export function touchesTraits(event: { name: string; properties: Record<string, unknown> }, traitKeys: readonly string[]): boolean {
  if (event.name !== TRAITS_UPDATED) return false;
  const changed = event.properties.traits;
  if (!Array.isArray(changed)) return true;
  return changed.some((key) => traitKeys.includes(String(key)));
}

/**
 * The trait keys whose change moves a wait-until's end: the customer's zone, and the date trait's top key. The
 * workflow re-arms on them and the dispatcher routes trait updates by them: one definition, so they cannot drift.
 */
export function waitWatchedTraits(until: WaitUntil): string[] {
  const keys = [TIMEZONE_TRAIT];
  if (until.kind === 'trait_date') keys.push(until.trait.split('.')[0]!);
  return keys;
}
