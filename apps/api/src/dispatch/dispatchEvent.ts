import { traitsUpdatedEvent } from '@lifecycle/journey';
import { activeRunsOfCustomer, type StoredEvent } from '@lifecycle/db';
import type { RunEvent } from '@lifecycle/workflows/messages';
import { runLog } from '../observability/logger';
import type { RunListening } from './runListening';
import { startTriggeredRuns, type StartDeps } from './startRuns';

export type DispatchDeps = StartDeps & { listening: RunListening };

/** Starts the runs an event triggers, then signals it to the customer's other active runs that can use it. */
export async function dispatchEvent(deps: DispatchDeps, event: StoredEvent, triggers: ReadonlySet<string>): Promise<void> {
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
  // Only runs whose journey can use the event hear it: every signal lengthens a run's history (a run waiting a month
  // beside a stream of page views would reach Temporal's history limits), and one the run cannot use buys nothing.
  const others: string[] = [];
  for (const run of await activeRunsOfCustomer(deps.db, customerId)) {
    if (!owned.has(run.workflowId) && (await deps.listening.uses(run, runEvent))) others.push(run.workflowId);
  }
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
