import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { JourneyGraph } from '@lifecycle/journey';
import type { CarriedRun } from './continuation';

/** A customer event as a run sees it. `id` is the stored event's id. */
export interface RunEvent {
  id: string;
  name: string;
  properties: Record<string, unknown>;
  timestamp: string;
}

/** What a run is started with: everything it needs, pinned, so later edits never change it. */
export interface JourneyRunInput {
  journeyId: string;
  versionId: string;
  version: number;
  graph: JourneyGraph;
  customerId: string;
  triggerEvent: RunEvent;
  /** Multiplies every wait (1 in production). Tests and demos shorten waits here, never in the journey. */
  timeScale?: number;
  /** Start at this node instead of the trigger (an admin retrying a failed run's failed step). */
  resumeAt?: string;
  /** The workspace's IANA time zone when the run started: local-time waits read it for customers without a `timezone` trait. */
  workspaceTimeZone?: string;
  /** History events after which a waiting run continues as new (default RUN_HISTORY_LIMIT; tests set fewer). */
  historyLimit?: number;
  /** Set when the run continued as new: its state and the wait it was in (continuation.ts). */
  carried?: CarriedRun;
}

export type RunStatus = 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled' | 'converted';

export interface RunProgress {
  status: RunStatus;
  currentNodeId: string | null;
  stepsTaken: number;
  waitingUntil: string | null;
}

/** A customer event delivered to the customer's running runs. */
export const customerEventSignal = defineSignal<[RunEvent]>('customerEvent');
/** Ends a wait (a timer or a wait-for-event) now; a wait-for-event then leaves by `timed_out`. */
export const skipWaitSignal = defineSignal<[]>('skipWait');
/**
 * A journey paused with "hold": the run stops before its next step until released (`held: false`, on resume).
 * `reason` is what the run's step says ("held: journey paused").
 */
export interface RunHold {
  held: boolean;
  reason: string;
}
export const holdSignal = defineSignal<[RunHold]>('journeyHold');

/**
 * Moves the run to a newer version of its journey (in-flight policy "migrate" on publish). `nodes` maps each node of
 * the version the run is on (`fromVersionId`) to a node of the new graph; the run moves the next time it is at (or
 * reaches) a mapped node: a run waiting there leaves its wait now, a run mid-step moves when it next reaches one.
 * The new graph travels in the signal, so replay reads it from history, never from the database.
 */
export interface RunMigration {
  fromVersionId: string;
  versionId: string;
  version: number;
  graph: JourneyGraph;
  nodes: Record<string, string>;
  /** Who published ("Ada"), for the step's sentence. */
  by: string;
}
export const migrateSignal = defineSignal<[RunMigration]>('journeyMigrate');

/** Ends the run as `cancelled` with this reason (in-flight policy "exit": "exited on publish of v3"). */
export const exitSignal = defineSignal<[{ reason: string }]>('journeyExit');

/** A journey operation for one run, as the API sends it. */
export type RunOperation = { kind: 'hold'; hold: RunHold } | { kind: 'migrate'; migration: RunMigration } | { kind: 'exit'; reason: string };

/** The signal and its arguments for an operation. */
export function operationSignal(operation: RunOperation) {
  switch (operation.kind) {
    case 'hold':
      return [holdSignal, [operation.hold]] as const;
    case 'migrate':
      return [migrateSignal, [operation.migration]] as const;
    case 'exit':
      return [exitSignal, [{ reason: operation.reason }]] as const;
    default: {
      const unknown: never = operation;
      throw new Error(`unknown operation ${JSON.stringify(unknown)}`);
    }
  }
}

/** Where the run is now. */
export const progressQuery = defineQuery<RunProgress>('progress');
