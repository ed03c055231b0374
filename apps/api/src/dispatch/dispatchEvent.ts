import { traitsUpdatedEvent } from '@lifecycle/journey';
import { activeRunIdsOfCustomer, type StoredEvent } from '@lifecycle/db';
import type { RunEvent } from '@lifecycle/workflows/messages';
import { runLog } from '../observability/logger';
import { startTriggeredRuns, type StartDeps } from './startRuns';

/** Starts the runs an event triggers, then signals the customer's other active runs with it. */
export async function dispatchEvent(deps: StartDeps, event: StoredEvent, triggers: ReadonlySet<string>): Promise<void> {
  if (!event.customerId) return;
  // An identify that set traits reaches running runs as `customer_traits_updated` (a wait keyed to a date trait or to
  // the customer's time zone re-arms on it); it starts nothing. Page, screen, group and alias events are history.
  const traitsChanged = event.type === 'identify' && Object.keys(event.traits ?? {}).length > 0;
  if (!traitsChanged && ((event.type !== 'track' && event.type !== 'internal') || !event.name)) return;
  const runEvent: RunEvent = traitsChanged
    ? traitsUpdatedEvent({ id: event.id, traits: event.traits ?? null, timestamp: event.timestamp })
    : { id: event.id, name: event.name ?? '', properties: event.properties, timestamp: event.timestamp };
  // Most events start nothing: skip the per-journey checks unless some live journey starts on this name.
  const owned = !traitsChanged && triggers.has(runEvent.name) ? await startTriggeredRuns(deps, event.customerId, runEvent) : new Set<string>();
  const customerId = event.customerId;
  const others = activeRunIdsOfCustomer(deps.db, customerId).filter((workflowId) => !owned.has(workflowId));
  // Different runs of one customer are independent: one event reaches them all at once. Each run still gets this
  // customer's events in order, because the customer's next event waits for this one.
  await Promise.all(
    others.map(async (workflowId) => {
      const runLine = runLog({ workflowId, customerId }).child({ eventId: event.id, event: runEvent.name });
      try {
        const outcome = await deps.runs.signalRun(workflowId, runEvent); // 'not_found': the run closed meanwhile; nothing to do
        runLine.info({ outcome }, 'run signalled');
      } catch (error) {
        runLine.warn({ err: error }, 'run could not be signalled (the event will be dispatched again)');
        throw error;
      }
    }),
  );
}
