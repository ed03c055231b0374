import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { JourneyGraph } from '@lifecycle/journey';

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
/** Where the run is now. */
export const progressQuery = defineQuery<RunProgress>('progress');
