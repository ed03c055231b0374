import { patched, workflowInfo } from '@temporalio/workflow';
import type { WaitEnd } from '@lifecycle/journey';
import type { JourneyRunInput } from './messages';
import type { RunState } from './runState';

/**
 * Runs that live for years: a run whose history grows long while it waits continues as new — a fresh history with
 * the same workflow id, its state carried in the input — instead of growing toward Temporal's limits (51,200 events,
 * 50 MB). Runs started before this patch never do (their recorded histories replay unchanged); the marker is asked
 * for at a run's first wait, so a run that never waits records none.
 */
export const CONTINUE_AS_NEW_PATCH = 'continue-as-new-long-waits';

/**
 * History events after which a waiting run continues as new, unless the input sets its own (tests). Far below
 * Temporal's hard limit and its warning at 10,240; the server's own suggestion also counts.
 */
export const RUN_HISTORY_LIMIT = 8_000;

/**
 * Events carried over: the latest ones, at most this many and this many bytes of JSON (Temporal refuses payloads
 * over 2 MB). Older ones can only matter to a wait counting from the run's start, or to spotting a repeated delivery.
 */
export const MAX_CARRIED_EVENTS = 1_000;
/** Characters of JSON, not bytes: at most 3 bytes each in UTF-8, still far below the 2 MB a payload may hold. */
export const MAX_CARRIED_EVENT_BYTES = 256_000;
/** The whole carried input (graphs, customer, events) in characters of JSON; past it the events are left behind. */
export const MAX_CARRIED_INPUT_CHARS = 600_000;

/** How many of the oldest events to leave behind so the rest fit both bounds. */
function eventsToDrop(state: RunState): number {
  let kept = 0;
  let bytes = 0;
  for (let index = state.events.length - 1; index >= 0 && kept < MAX_CARRIED_EVENTS; index -= 1) {
    bytes += JSON.stringify(state.events[index]).length;
    if (bytes > MAX_CARRIED_EVENT_BYTES) break;
    kept += 1;
  }
  return state.events.length - kept;
}

type ArmedEnd = Extract<WaitEnd, { kind: 'at' }>;

/** Where a wait stood when the run continued as new: enough for the same wait to go on without recording again. */
export type WaitResume =
  | { kind: 'timer'; nodeId: string; startedMs: number }
  | { kind: 'hold'; nodeId: string; startedMs: number }
  | { kind: 'event'; nodeId: string; startedMs: number; firstNew: number; scanned: number }
  | { kind: 'until'; nodeId: string; startedMs: number; armed: ArmedEnd; moves: string[]; scanned: number };

/** The run's state as the next history starts with it (the progress queue is written before continuing). */
export type CarriedState = Omit<RunState, 'input' | 'workflowId' | 'pendingProgress' | 'resumeWait' | 'mayContinue' | 'goalCandidates' | 'goalCheckBusy'>;

/** What a continued run receives: its state, and the wait it was in. */
export interface CarriedRun {
  state: CarriedState;
  wait: WaitResume;
  /** How many histories this run has had before this one. */
  continued: number;
}

/** Thrown by a wait (or a journey hold) that woke only because the history is long: the run continues as new there. */
export class ContinueRun extends Error {
  constructor(readonly wait: WaitResume) {
    super(`continue as new at ${wait.nodeId}`);
    this.name = 'ContinueRun';
  }
}

/** Asked when a wait starts (the patch's marker is recorded once, at the first). */
export function allowContinuing(state: RunState): void {
  state.mayContinue ??= patched(CONTINUE_AS_NEW_PATCH);
}

/**
 * True when the waiting run should continue as new now: its history is long, and no goal check is in flight
 * (a candidate being checked against stored history would be lost). Pure: read inside wait conditions.
 */
export function continueDue(state: RunState): boolean {
  if (state.mayContinue !== true || state.goalCandidates.length > 0 || state.goalCheckBusy) return false;
  const info = workflowInfo();
  const limit = state.input.historyLimit ?? RUN_HISTORY_LIMIT;
  // Never on a history just begun (a suggestion for a fresh one, say for a large carried input, would loop).
  if (info.historyLength < Math.min(limit, 100)) return false;
  return info.continueAsNewSuggested || info.historyLength >= limit;
}

/** The wait this run continued in, once: only the first step at that node resumes it. */
export function takeWaitResume<K extends WaitResume['kind']>(state: RunState, nodeId: string, kind: K): Extract<WaitResume, { kind: K }> | null {
  const resume = state.resumeWait;
  if (!resume || resume.nodeId !== nodeId || resume.kind !== kind) return null;
  state.resumeWait = null;
  return resume as Extract<WaitResume, { kind: K }>;
}

/**
 * The input the next history starts with: the run's input (as migrated), its state, and where the wait stood. The
 * latest events go along when they fit (a repeated delivery is spotted among them: dispatch retries are recent).
 */
export function continuedInput(state: RunState, wait: WaitResume, continued: number): JourneyRunInput {
  const input = carriedInput(state, wait, continued, eventsToDrop(state));
  // A huge graph or customer leaves less room: then no event is carried rather than a payload Temporal refuses.
  return JSON.stringify(input).length <= MAX_CARRIED_INPUT_CHARS ? input : carriedInput(state, wait, continued, state.events.length);
}

function carriedInput(state: RunState, wait: WaitResume, continued: number, dropped: number): JourneyRunInput {
  const shift = (index: number) => Math.max(0, index - dropped);
  const carriedWait: WaitResume =
    wait.kind === 'timer' || wait.kind === 'hold' ? wait : wait.kind === 'event' ? { ...wait, firstNew: shift(wait.firstNew), scanned: shift(wait.scanned) } : { ...wait, scanned: shift(wait.scanned) };
  const carriedState: CarriedState = {
    startedAt: state.startedAt,
    status: state.status,
    currentNodeId: state.currentNodeId,
    waitingUntil: state.waitingUntil,
    seq: state.seq,
    stepsTaken: state.stepsTaken,
    openStep: state.openStep,
    events: state.events.slice(dropped),
    eventArrivals: state.eventArrivals.slice(dropped),
    skipRequested: state.skipRequested,
    goalEvent: state.goalEvent,
    offers: state.offers,
    failedSteps: state.failedSteps,
    customer: state.customer,
    inControlArm: state.inControlArm,
    hold: state.hold,
    migration: state.migration,
    exitReason: state.exitReason,
    batched: state.batched,
    patches: state.patches,
  };
  const { carried: _previous, resumeAt: _resumeAt, ...input } = state.input;
  return { ...input, carried: { state: carriedState, wait: carriedWait, continued } };
}
