import type { JourneyNode } from '@lifecycle/journey';
import type { ProgressRecord, RunRecord, StepRecord } from './activities';
import { bookkeeping } from './activityProxies';
import { patchAnswer } from './patches';
import { PROGRESS_SINK_PATCH, progressSink } from './progressSink';
import type { RunStatus } from './messages';
import type { RunState } from './runState';
import type { StepResult } from './steps/stepResult';
import { describeMs } from './timing';

function now(): string {
  return new Date().toISOString(); // workflow time: deterministic on replay
}

/**
 * Writes one progress record. A batched run queues it, and writes the queue in one write when `flush` (the run is
 * about to wait, act or end: the runs monitor must show where it is by then; see `flushProgress`); nothing is lost
 * meanwhile, as a replay after a crash rebuilds the queue. An older run writes each record at once, as its history
 * expects.
 *
 * Answers the write to await, or undefined when the record was only queued: the run's path awaits only real work,
 * since every promise a workflow makes costs a captured stack trace in Temporal's sandbox (about 50 µs each here).
 */
export function writeProgress(state: RunState, record: ProgressRecord, flush = true): Promise<void> | undefined {
  if (!state.batched) return bookkeeping.recordProgress(record);
  state.pendingProgress.push(record);
  return flush ? flushProgress(state) : undefined;
}

/**
 * Writes the queued records: through the worker's sink (answers undefined: nothing to await), or for runs from before
 * it through a local activity, where they leave the queue only once written, so a cancelled write is redone by the abort.
 */
export function flushProgress(state: RunState): Promise<void> | undefined {
  const records = [...state.pendingProgress];
  if (records.length === 0) return undefined;
  if (patchAnswer(state, PROGRESS_SINK_PATCH)) {
    progressSink.runProgress.write(records);
    state.pendingProgress.splice(0, records.length);
    return undefined;
  }
  return bookkeeping.recordProgressBatch({ records }).then(() => void state.pendingProgress.splice(0, records.length));
}

export function runRecord(state: RunState, error: string | null = null): RunRecord {
  const ended = state.status !== 'running' && state.status !== 'waiting';
  return {
    workflowId: state.workflowId,
    journeyId: state.input.journeyId,
    versionId: state.input.versionId,
    customerId: state.input.customerId,
    triggerEventId: state.input.triggerEvent.id,
    status: state.status,
    currentNodeId: state.currentNodeId,
    startedAt: state.startedAt,
    endedAt: ended ? now() : null,
    waitingUntil: state.waitingUntil,
    error,
    failedSteps: state.failedSteps,
  };
}

/**
 * Records that the run entered a node that takes time (a wait, an email, an offer), so the run's page shows
 * where it is while it is there. `waitingUntil` marks a timer; the run is then `waiting`.
 */
export function recordEntry(state: RunState, node: JourneyNode, waitingUntil: string | null = null, flush = true): Promise<void> | undefined {
  state.seq += 1;
  state.currentNodeId = node.id;
  state.status = waitingUntil ? 'waiting' : 'running';
  state.waitingUntil = waitingUntil;
  state.skipRequested = false; // a skip only ends a wait it arrived during
  state.openStep = { seq: state.seq, nodeId: node.id, nodeType: node.type, enteredAt: now(), leftAt: null, outcome: null, exit: null, detail: null };
  return writeProgress(state, { run: runRecord(state), step: state.openStep }, flush);
}

/**
 * Records that the run left a node, closing the step it opened on entry (instant nodes get one complete step).
 * `endStatus` ends the run in the same call. Answers the write to await (undefined when only queued).
 */
export function recordExit(state: RunState, node: JourneyNode, result: StepResult, endStatus: RunStatus | null): Promise<void> | undefined {
  const leftAt = now();
  const open = state.openStep?.nodeId === node.id ? state.openStep : null;
  if (!open) state.seq += 1;
  const step: StepRecord = {
    seq: open?.seq ?? state.seq,
    nodeId: node.id,
    nodeType: node.type,
    enteredAt: open?.enteredAt ?? leftAt,
    leftAt,
    outcome: result.outcome,
    exit: result.exit,
    detail: result.detail,
    failed: result.failed === true,
  };
  if (result.failed) state.failedSteps += 1;
  state.openStep = null;
  state.currentNodeId = node.id;
  state.waitingUntil = null;
  state.status = endStatus ?? 'running';
  state.stepsTaken += 1;
  // An exit is written with the next step's entry (or the run's end): one write per step boundary.
  return writeProgress(state, { run: runRecord(state), step }, endStatus !== null);
}

/**
 * Records that the run is held before `node` (journey paused with "hold"): a step open on the node whose outcome
 * says why, and the run `waiting` with no deadline.
 */
export async function recordHold(state: RunState, node: JourneyNode, reason: string): Promise<void> {
  state.seq += 1;
  state.currentNodeId = node.id;
  state.status = 'waiting';
  state.waitingUntil = null;
  state.openStep = { seq: state.seq, nodeId: node.id, nodeType: node.type, enteredAt: now(), leftAt: null, outcome: reason, exit: null, detail: { held: true } };
  await writeProgress(state, { run: runRecord(state), step: state.openStep });
}

/** Closes the hold step when the journey resumes; the node itself then runs as a step of its own. */
export async function recordRelease(state: RunState, node: JourneyNode, reason: string, heldSinceMs: number): Promise<void> {
  const open = state.openStep;
  state.openStep = null;
  state.status = 'running';
  const step: StepRecord | undefined =
    open?.nodeId === node.id ? { ...open, leftAt: now(), outcome: `${reason}; released after ${describeMs(Date.now() - heldSinceMs)}`, detail: { held: true, released: true } } : undefined;
  await writeProgress(state, { run: runRecord(state), step });
}

/**
 * Records a run that ended outside the journey's path (cancelled, failed), closing any open step. `reason` is the
 * step's sentence and the run's error for a run ended by an operation ("exited on publish of v3").
 */
export async function recordAbort(state: RunState, status: 'cancelled' | 'failed', error: string | null): Promise<void> {
  const open = state.openStep;
  state.openStep = null;
  state.status = status;
  state.waitingUntil = null;
  const step: StepRecord | undefined = open
    ? { ...open, leftAt: now(), outcome: status === 'cancelled' ? (error ? `run ${error}` : 'run cancelled here') : `run failed here: ${error}`, exit: null }
    : undefined;
  await writeProgress(state, { run: runRecord(state, error), step });
}
