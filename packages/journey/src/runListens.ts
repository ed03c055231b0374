import { goalEventName } from './goalMatch';
import type { JourneyGraph } from './schema';
import { touchesTraits, waitWatchedTraits } from './traitsUpdated';

/** Email engagement events: a run counts one only when it carries the run's own workflow id. */
type EngagementName = 'email_opened' | 'email_clicked';

/**
 * What the runs of one journey version can use from the customer events they are signalled: the names the goal and
 * the wait-for-event nodes count (any wait, not only the one a run is at: a wait may count events received before
 * it), the opens and clicks of the run's own emails, and the traits whose change re-arms a wait until a moment.
 * Plain data, derived once per (immutable) version: the dispatcher signals a run only with events it can use.
 */
export type RunListens = {
  /** Events counted by name alone: the goal's, and those named by wait-for-event nodes. */
  events: string[];
  /** Email opens or clicks a wait-for-event counts, when of this run's own email. */
  engagement: EngagementName[];
  /** Trait keys a `customer_traits_updated` must touch to re-arm a wait until a moment. */
  traits: string[];
};

/** What a run of `graph` listens for (see `RunListens`). */
export function runListens(graph: JourneyGraph): RunListens {
  const events = new Set<string>();
  const engagement = new Set<EngagementName>();
  const traits = new Set<string>();
  if (graph.goal) events.add(goalEventName(graph.goal));
  for (const node of graph.nodes) {
    if (node.type === 'wait' && node.until) for (const key of waitWatchedTraits(node.until)) traits.add(key);
    if (node.type !== 'wait_for_event') continue;
    const awaited = node.awaited;
    switch (awaited.kind) {
      case 'event':
        events.add(awaited.event);
        break;
      case 'email_opened':
      case 'email_clicked':
        engagement.add(awaited.kind);
        break;
      default: {
        const unknownKind: never = awaited;
        throw new Error(`unknown awaited event ${JSON.stringify(unknownKind)}`);
      }
    }
  }
  return { events: [...events].sort(), engagement: [...engagement].sort(), traits: [...traits].sort() };
}

const ENGAGEMENT: readonly string[] = ['email_opened', 'email_clicked'] satisfies EngagementName[];

/**
 * Whether run `workflowId`, listening as `listening` says, can use `event`: only then is it worth a signal. Opens and
 * clicks of the run's own emails always reach it, whatever its version waits for: they are few, and a wait for them
 * counts every one since the email was sent, including in a version the run is migrated to later.
 */
export function runUsesEvent(listening: RunListens, event: { name: string; properties: Record<string, unknown> }, workflowId: string): boolean {
  if (listening.events.includes(event.name)) return true;
  if (ENGAGEMENT.includes(event.name)) return event.properties.workflowId === workflowId;
  return listening.traits.length > 0 && touchesTraits(event, listening.traits);
}
