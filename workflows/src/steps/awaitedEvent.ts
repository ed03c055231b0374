import { patchAnswer } from '../patches';
import { evaluateCondition, type AwaitedEvent } from '@lifecycle/journey';
import { factsFor } from '../facts';
import type { RunEvent } from '../messages';
import type { RunState } from '../runState';
import { scaledMs } from '../timing';

/**
 * Runs started before this patch counted only opens and clicks that arrived after they reached the wait; their
 * histories replay that way. Newer runs count every open or click of their own email, whenever it came.
 */
export const EARLIER_ENGAGEMENT_PATCH = 'wait-for-event-counts-earlier-engagement';

/** True when `event` is what the node awaits; an email's open or click counts only for this run's own send node. */
export function isAwaited(awaited: AwaitedEvent, event: RunEvent, state: RunState): boolean {
  switch (awaited.kind) {
    case 'event':
      return (
        event.name === awaited.event &&
        (!awaited.conditions || evaluateCondition(awaited.conditions, factsFor(state.customer, event)).matched)
      );
    case 'email_opened':
    case 'email_clicked':
      return (
        event.name === awaited.kind &&
        event.properties.workflowId === state.workflowId &&
        event.properties.nodeId === awaited.sendNodeId
      );
    default: {
      const unknownKind: never = awaited;
      throw new Error(`unknown awaited event ${JSON.stringify(unknownKind)}`);
    }
  }
}

/**
 * The index in `state.events` of the first event the wait may count, for a step entered at `enteredMs`.
 * Events before it were received too early to count.
 */
export function countingFrom(awaited: AwaitedEvent, state: RunState, enteredMs: number): number {
  const fromNow = state.events.length;
  if (awaited.kind !== 'event') {
    // Only this run's own email can match, and it can only be opened after it was sent: every one counts.
    return patchAnswer(state, EARLIER_ENGAGEMENT_PATCH) ? 0 : fromNow;
  }
  const countFrom = awaited.countFrom ?? { from: 'step_entry' };
  switch (countFrom.from) {
    case 'step_entry':
      return fromNow;
    case 'run_start':
      return 0;
    case 'look_back': {
      const windowStart = enteredMs - scaledMs(state, countFrom.window);
      const first = state.eventArrivals.findIndex((arrivedMs) => arrivedMs >= windowStart);
      return first === -1 ? fromNow : first;
    }
    default: {
      const unknownFrom: never = countFrom;
      throw new Error(`unknown count-from ${JSON.stringify(unknownFrom)}`);
    }
  }
}

/** "`pricing_viewed`", "email opened of `send_welcome`": what the wait is for, as the run's record says it. */
export function describeAwaited(awaited: AwaitedEvent): string {
  return awaited.kind === 'event' ? `\`${awaited.event}\`` : `${awaited.kind.replace('_', ' ')} of \`${awaited.sendNodeId}\``;
}
