import { condition } from '@temporalio/workflow';
import { momentInZone, describeWaitUntil, touchesTraits, waitEnd, waitWatchedTraits as watchedTraits, type NodeOf, type WaitEnd, type WaitUntil } from '@lifecycle/journey';
import { bookkeeping } from '../activityProxies';
import { allowContinuing, continueDue, ContinueRun, takeWaitResume } from '../continuation';
import { recordEntry, runRecord, writeProgress } from '../progress';
import type { RunState } from '../runState';
import { describeMs, journeyElapsedMs, journeyNowMs, scaledWakeMs } from '../timing';
import type { StepResult } from './stepResult';

type Armed = Extract<WaitEnd, { kind: 'at' }>;

/** Moves of a wait's moment kept on its step. */
const MAX_MOVES_KEPT = 20;

/** What the run page shows for a wait in progress or done: the moment, in the zone it was read in, and whose zone that is. */
function endDetail(end: WaitEnd): Record<string, unknown> {
  return end.kind === 'at'
    ? { until: new Date(end.atMs).toISOString(), zone: end.zone, zoneSource: end.zoneSource }
    : { reason: end.reason, zone: end.zone, zoneSource: end.zoneSource };
}

/**
 * Waits until a moment read in the customer's day (or a fixed zone): a weekday and time, a date, or a date trait.
 * A moment already past (or a trait missing or not a date) moves on at once with the reason. When an identify
 * changes a trait the moment depends on, the customer is reloaded and the timer re-armed; an admin's skip or the
 * journey's goal ends the wait early.
 */
export async function waitUntilStep(node: NodeOf<'wait'>, until: WaitUntil, state: RunState): Promise<StepResult> {
  allowContinuing(state);
  const resume = takeWaitResume(state, node.id, 'until');
  const startedMs = resume?.startedMs ?? Date.now();
  const firstNew = state.events.length;
  const compute = async (): Promise<WaitEnd> => {
    state.customer = await bookkeeping.loadCustomer(state.input.customerId);
    return waitEnd(until, { startedMs, nowMs: journeyNowMs(state, startedMs), traits: state.customer?.traits, workspaceZone: state.input.workspaceTimeZone });
  };
  let end: WaitEnd;
  let armed: Armed;
  const moves: string[] = resume?.moves ?? [];
  if (resume) {
    armed = resume.armed; // a continued run: the moment as its previous history last armed it
  } else {
    end = await compute();
    if (end.kind === 'now') return { exit: 'next', outcome: end.reason, detail: endDetail(end) };
    armed = end;
    // The entry and the moment it waits for are written together (a batched run writes them in one record).
    await recordEntry(state, node, new Date(scaledWakeMs(state, startedMs, armed.atMs)).toISOString(), false);
    await recordWaiting(state, armed, moves);
  }
  const watched = watchedTraits(until);
  let scanned = resume?.scanned ?? firstNew;
  let changed = false;
  const traitsChanged = () => {
    for (; scanned < state.events.length; scanned += 1) if (touchesTraits(state.events[scanned]!, watched)) changed = true;
    return changed;
  };
  for (;;) {
    const wakeMs = scaledWakeMs(state, startedMs, armed.atMs);
    changed = false;
    const early = await condition(() => state.skipRequested || state.goalEvent !== null || traitsChanged() || continueDue(state), Math.max(1, wakeMs - Date.now()), {
      summary: describeWaitUntil(until),
    });
    if (early && !state.skipRequested && state.goalEvent === null && !changed) throw new ContinueRun({ kind: 'until', nodeId: node.id, startedMs, armed, moves, scanned });
    const waited = describeMs(journeyElapsedMs(state, startedMs));
    if (!early) return { exit: 'next', outcome: `waited until ${momentInZone(armed.atMs, armed.zone)}`, detail: { ...endDetail(armed), ...movesOf(moves) } };
    if (state.goalEvent) return { exit: null, outcome: `goal \`${state.goalEvent.name}\` reached after ${waited} of waiting`, detail: null };
    if (state.skipRequested) return { exit: 'next', outcome: `skipped by admin after ${waited}`, detail: { skipped: true, ...endDetail(armed), ...movesOf(moves) } };
    end = await compute();
    if (end.kind === 'now') return { exit: 'next', outcome: `the customer changed: ${end.reason}`, detail: { ...endDetail(end), ...movesOf(moves) } };
    if (end.atMs === armed.atMs && end.zone === armed.zone) continue;
    // The same instant read in a new zone (a fixed date, the customer moved) is not a move: only the words change.
    if (end.atMs !== armed.atMs) moves.push(`moved from ${momentInZone(armed.atMs, armed.zone)} to ${momentInZone(end.atMs, end.zone)} when the customer changed`);
    // The latest moves tell the story; a trait rewritten every day for years must not grow the record (or the input a
    // continued run carries) without end.
    if (moves.length > MAX_MOVES_KEPT) moves.splice(0, moves.length - MAX_MOVES_KEPT);
    armed = end;
    state.waitingUntil = new Date(scaledWakeMs(state, startedMs, armed.atMs)).toISOString();
    await recordWaiting(state, armed, moves);
  }
}

function movesOf(moves: string[]): Record<string, unknown> {
  return moves.length > 0 ? { moves } : {};
}

/** Re-records the open step (and the run's `waitingUntil`) with the moment the wait now ends. */
async function recordWaiting(state: RunState, armed: Armed, moves: string[]): Promise<void> {
  if (!state.openStep) return;
  state.openStep = { ...state.openStep, detail: { ...endDetail(armed), ...movesOf(moves) } };
  await writeProgress(state, { run: runRecord(state), step: state.openStep });
}
