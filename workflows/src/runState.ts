import type { CustomerSnapshot, GrantedOffer, ProgressRecord, StepRecord } from './activities';
import type { CarriedRun, WaitResume } from './continuation';
import type { JourneyRunInput, RunEvent, RunMigration, RunProgress, RunStatus } from './messages';

/** Everything a run holds in memory: where it is, what it has received and what it has granted. */
export interface RunState {
  /** What the run was started with; a migration replaces its version and graph (from the signal, so replay sees the same). */
  input: JourneyRunInput;
  workflowId: string;
  startedAt: string;
  status: RunStatus;
  currentNodeId: string | null;
  waitingUntil: string | null;
  /** The number of the last step recorded; steps are numbered from 1. */
  seq: number;
  stepsTaken: number;
  /** The step entered but not yet left, for nodes that take time. */
  openStep: StepRecord | null;
  /** Every event signalled to the run, in arrival order; waits remember the length when they start. */
  events: RunEvent[];
  /** When each of `events` arrived, in workflow time (ms): what "before this step" and look-back windows compare. */
  eventArrivals: number[];
  skipRequested: boolean;
  goalEvent: RunEvent | null;
  offers: GrantedOffer[];
  /** Steps whose side effect failed for good (a send that failed): the run goes on, but shows them. */
  failedSteps: number;
  /** The customer as last loaded by this run, if it loaded them. */
  customer: CustomerSnapshot | null;
  /** The run took an experiment's control arm: it sends nothing from then on (sends are recorded as skipped). */
  inControlArm: boolean;
  /** Set while the journey is paused with "hold": the run does not start its next step. */
  hold: string | null;
  /** A migration to a newer version not yet applied (the run moves at its next mapped node). */
  migration: RunMigration | null;
  /** Set when the run is to end now as cancelled, with this reason (exit on publish). */
  exitReason: string | null;
  /**
   * Runs started after the batching patch write progress in batches (one local activity per step boundary) and send
   * email as a local activity first; runs started before it replay their one-record-per-call history.
   */
  batched: boolean;
  /** Records not yet written (batched runs only): written before the run waits, acts, or ends. */
  pendingProgress: ProgressRecord[];
  /** The wait a continued run resumes (taken by the first step at its node). */
  resumeWait: WaitResume | null;
  /** Whether this run may continue as new (asked at its first wait: runs from before the patch never do); null until then. */
  mayContinue: boolean | null;
  /** Goal candidates waiting for a check against stored history, and whether one is being checked now. */
  goalCandidates: RunEvent[];
  goalCheckBusy: boolean;
  /** Patches asked lazily, with this run's answers (patches.ts): carried when the run continues as new. */
  patches: Record<string, boolean>;
}

/** A fresh run at its trigger. */
export function initialRunState(input: JourneyRunInput, workflowId: string, batched = false): RunState {
  return {
    input,
    workflowId,
    startedAt: new Date().toISOString(),
    status: 'running',
    currentNodeId: null,
    waitingUntil: null,
    seq: 0,
    stepsTaken: 0,
    openStep: null,
    events: [],
    eventArrivals: [],
    skipRequested: false,
    goalEvent: null,
    offers: [],
    failedSteps: 0,
    customer: null,
    inControlArm: false,
    hold: null,
    migration: null,
    exitReason: null,
    batched,
    pendingProgress: [],
    resumeWait: null,
    mayContinue: null,
    goalCandidates: [],
    goalCheckBusy: false,
    patches: {},
  };
}

/** A continued run's state as its previous history left it; it may continue again (it did once). */
export function carriedRunState(input: JourneyRunInput, workflowId: string, carried: CarriedRun): RunState {
  const { carried: _carried, ...rest } = input;
  // `patches` may be missing from a state carried by an earlier build: those answers are then asked again.
  return { ...carried.state, patches: carried.state.patches ?? {}, input: rest, workflowId, pendingProgress: [], resumeWait: carried.wait, mayContinue: true, goalCandidates: [], goalCheckBusy: false };
}

/** What the progress query answers. */
export function progressOf(state: RunState): RunProgress {
  return {
    status: state.status,
    currentNodeId: state.currentNodeId,
    stepsTaken: state.stepsTaken,
    waitingUntil: state.waitingUntil,
  };
}

/** True once the run has ended, whatever the reason. */
export function hasEnded(state: RunState): boolean {
  return state.status !== 'running' && state.status !== 'waiting';
}
