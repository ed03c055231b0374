import { condition } from '@temporalio/workflow';
import { describeCheck, evaluateCondition, historyRulesOf, type NodeOf } from '@lifecycle/journey';
import { bookkeeping } from '../activityProxies';
import { allowContinuing, continueDue, ContinueRun, takeWaitResume } from '../continuation';
import { factsFor, readHistoryFor, readsCustomer } from '../facts';
import type { RunEvent } from '../messages';
import { recordEntry } from '../progress';
import type { RunState } from '../runState';
import { describeDuration, describeMs, journeyElapsedMs, journeyMs, scaledMs } from '../timing';
import { countingFrom, describeAwaited, isAwaited } from './awaitedEvent';
import type { StepResult } from './stepResult';

/**
 * Waits for the awaited event within the node's timeout: exits `matched` or `timed_out`. Events the run received
 * before it got here count as the node says (an open or click of this run's email always does).
 */
export async function waitForEventStep(node: NodeOf<'wait_for_event'>, state: RunState): Promise<StepResult> {
  const ms = scaledMs(state, node.timeout);
  allowContinuing(state);
  // A continued run resumes the wait as it stood (the customer it loaded was carried over too).
  const resume = takeWaitResume(state, node.id, 'event');
  const firstNew = resume?.firstNew ?? state.events.length;
  const startedMs = resume?.startedMs ?? Date.now();
  const firstCounted = resume?.scanned ?? countingFrom(node.awaited, state, startedMs);
  if (!resume) {
    await recordEntry(state, node, new Date(startedMs + ms).toISOString());
    if (node.awaited.kind === 'event' && readsCustomer(node.awaited.conditions)) {
      state.customer = await bookkeeping.loadCustomer(state.input.customerId);
    }
  }
  let matched: { event: RunEvent; index: number } | undefined;
  let scanned = firstCounted;
  // A filter with history rules takes an event by its name first; the history is then read through an activity,
  // and a candidate it refuses is passed over while the wait goes on (no earlier history had such filters).
  const historyFilter = node.awaited.kind === 'event' && historyRulesOf(node.awaited.conditions).length > 0 ? node.awaited.conditions : undefined;
  const found = () => {
    for (; !matched && scanned < state.events.length; scanned += 1) {
      const event = state.events[scanned];
      if (event && (historyFilter ? event.name === (node.awaited as { event: string }).event : isAwaited(node.awaited, event, state))) matched = { event, index: scanned };
    }
    return matched !== undefined;
  };
  const summary = { summary: `wait up to ${describeDuration(node.timeout)} for ${describeAwaited(node.awaited)}` };
  const woken = () => found() || state.skipRequested || state.goalEvent !== null || continueDue(state);
  // Woken with nothing found, no skip and no goal: only a long history did it, and the run continues as new here.
  const continueIfDue = (ended: boolean) => {
    if (ended && !matched && !state.skipRequested && state.goalEvent === null) throw new ContinueRun({ kind: 'event', nodeId: node.id, startedMs, firstNew, scanned });
  };
  let endedEarly = await condition(woken, resume ? Math.max(1, startedMs + ms - Date.now()) : ms, summary);
  continueIfDue(endedEarly);
  let historyCheck: string | undefined;
  while (historyFilter && matched && !state.skipRequested && state.goalEvent === null) {
    const history = await readHistoryFor(state, [historyFilter]);
    const result = evaluateCondition(historyFilter, factsFor(state.customer, matched.event, history));
    historyCheck = result.checks.map((check) => describeCheck(check, ', ')).join('; ');
    if (result.matched) break;
    matched = undefined;
    const leftMs = startedMs + ms - Date.now();
    if (leftMs <= 0) {
      endedEarly = false;
      break;
    }
    endedEarly = await condition(woken, leftMs, summary);
    continueIfDue(endedEarly);
  }
  const waited = describeMs(journeyElapsedMs(state, startedMs));
  if (matched) {
    const result = matchedResult(node, state, matched, matched.index < firstNew ? startedMs : null, waited);
    return historyCheck ? { ...result, outcome: `${result.outcome} (${historyCheck})`, detail: { ...result.detail, historyCheck } } : result;
  }
  if (!endedEarly) return { exit: 'timed_out', outcome: `timed out after ${describeDuration(node.timeout)}`, detail: null };
  if (state.goalEvent) return { exit: null, outcome: `goal \`${state.goalEvent.name}\` reached after ${waited} of waiting`, detail: null };
  return { exit: 'timed_out', outcome: `skipped by admin after ${waited}; leaving by timed out`, detail: { skipped: true } };
}

/** `enteredMs` is set when the event had arrived before the run reached the step: the record says how long before. */
function matchedResult(
  node: NodeOf<'wait_for_event'>,
  state: RunState,
  matched: { event: RunEvent; index: number },
  enteredMs: number | null,
  waited: string,
): StepResult {
  const { event, index } = matched;
  const detail = { eventId: event.id, eventName: event.name, eventTimestamp: event.timestamp };
  if (enteredMs === null) return { exit: 'matched', outcome: `${describeAwaited(node.awaited)} arrived after ${waited}`, detail };
  const beforeMs = Math.max(0, journeyMs(state, enteredMs - (state.eventArrivals[index] ?? enteredMs)));
  return {
    exit: 'matched',
    outcome: `${describeAwaited(node.awaited)} ${describeMs(beforeMs)} before this step`,
    detail: { ...detail, beforeStepMs: Math.round(beforeMs) },
  };
}
