import type { TestEmailInput } from '@lifecycle/workflows/activities';
import type { JourneyRunInput, RunEvent, RunOperation } from '@lifecycle/workflows/messages';

/** Temporal's view of the journey task queue. */
export type TaskQueueBacklog = { workflowTasks: number; activityTasks: number; pollers: number };

/**
 * What the API needs from Temporal. The Temporal client implements it (temporal.ts); tests
 * inject a recording one. Expected outcomes are values; an unreachable server throws.
 */
export interface RunStarter {
  /** Starts the `journeyRun` workflow under a deterministic id; a duplicate id is not an error. */
  startRun(input: JourneyRunInput, workflowId: string): Promise<'started' | 'already_started'>;
  /** Delivers a customer event to a run; a run Temporal no longer knows is `not_found`. */
  signalRun(workflowId: string, event: RunEvent): Promise<'signalled' | 'not_found'>;
  /** Ends the run's current wait now. */
  skipWait?(workflowId: string): Promise<'signalled' | 'not_found'>;
  /** Sends a journey operation to the run: hold or release, migrate to a newer version, exit. */
  signalOperation?(workflowId: string, operation: RunOperation): Promise<'signalled' | 'not_found'>;
  /** What Temporal knows of the run now: its status (`RUNNING`, `TERMINATED`, …) and when it closed; `not_found` when it knows nothing. */
  describeRun?(workflowId: string): Promise<{ status: string; closedAt: string | null } | 'not_found'>;
  /** Cancels the run. */
  cancel?(workflowId: string): Promise<'cancelled' | 'not_found'>;
  /** Tasks waiting on the journey task queue (Temporal's approximate backlog) and how many workers poll it. */
  taskQueueBacklog?(): Promise<TaskQueueBacklog>;
  /** Has the worker send a template editor's test email, and waits for it to be handed to SMTP. */
  sendTestEmail?(input: TestEmailInput): Promise<{ messageId: string }>;
  /** Whether the server answers now (for /health). */
  ping?(): Promise<boolean>;
  close?(): Promise<void>;
}
