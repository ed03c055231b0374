import { condition } from '@temporalio/workflow';
import { evaluateCondition, type AwaitedEvent, type NodeOf } from '@lifecycle/journey';
import { bookkeeping } from '../activityProxies';
import { factsFor, readsCustomer } from '../facts';
import type { RunEvent } from '../messages';
import { recordEntry } from '../progress';
import type { RunState } from '../runState';
import { describeDuration, describeMs, journeyElapsedMs, scaledMs } from '../timing';
import type { StepResult } from './stepResult';

/** True when `event` is what the node awaits; an email's open or click counts only for this run's own send node. */
function isAwaited(awaited: AwaitedEvent, event: RunEvent, state: RunState): boolean {
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

function describeAwaited(awaited: AwaitedEvent): string {
  return awaited.kind === 'event' ? `\`${awaited.event}\`` : `${awaited.kind.replace('_', ' ')} of \`${awaited.sendNodeId}\``;
}

/** Waits for an event that arrives after the run got here, within the node's timeout: exits `matched` or `timed_out`. */
export async function waitForEventStep(node: NodeOf<'wait_for_event'>, state: RunState): Promise<StepResult> {
  const firstNew = state.events.length; // events signalled before the run reached this node never count
  const ms = scaledMs(state, node.timeout);
  const startedMs = Date.now();
  await recordEntry(state, node, new Date(startedMs + ms).toISOString());
  if (node.awaited.kind === 'event' && readsCustomer(node.awaited.conditions)) {
    state.customer = await bookkeeping.loadCustomer(state.input.customerId);
  }
  let matched: RunEvent | undefined;
  let scanned = firstNew;
  const found = () => {
    for (; !matched && scanned < state.events.length; scanned += 1) {
      const event = state.events[scanned];
      if (event && isAwaited(node.awaited, event, state)) matched = event;
    }
    return matched !== undefined;
  };
  const endedEarly = await condition(() => found() || state.skipRequested || state.goalEvent !== null, ms, {
    summary: `wait up to ${describeDuration(node.timeout)} for ${describeAwaited(node.awaited)}`,
  });
  const waited = describeMs(journeyElapsedMs(state, startedMs));
  if (matched) {
    return {
      exit: 'matched',
      outcome: `${describeAwaited(node.awaited)} arrived after ${waited}`,
      detail: { eventId: matched.id, eventName: matched.name, eventTimestamp: matched.timestamp },
    };
  }
  if (!endedEarly) return { exit: 'timed_out', outcome: `timed out after ${describeDuration(node.timeout)}`, detail: null };
  if (state.goalEvent) return { exit: null, outcome: `goal \`${state.goalEvent.name}\` reached after ${waited} of waiting`, detail: null };
  return { exit: 'timed_out', outcome: `skipped by admin after ${waited}; leaving by timed out`, detail: { skipped: true } };
}
