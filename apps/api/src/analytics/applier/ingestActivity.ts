/**
 * Tells the analytics applier that this process just stored events (ingest comes first: see applierBudget.ts). Module
 * state on purpose: storeMessages is called from several routes and the applier is one per process. Listeners read
 * their own clock, so the moment and the budget are always measured on the same one.
 */
const listeners = new Set<() => void>();

export function noteIngest(): void {
  for (const listener of listeners) listener();
}

export function onIngest(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
