import type { CustomerSnapshot, RunRecord, StepRecord } from '@lifecycle/workflows/activities';
import type { RunEvent } from '@lifecycle/workflows/messages';
import { SimulatedOutbound } from './simulatedOutbound';
import type { SimulatedEmail, SimulationProblem } from './simulationRequest';

/** The most steps one simulation takes before it is stopped as a loop. */
export const MAX_SIMULATED_STEPS = 500;

/** Why the driver should stop waiting: the run ended, or it took too many steps. */
export type WorldStop = 'ended' | 'step_limit';

/**
 * Everything a simulation's activities see and do, in memory: the customer (a copy; updates apply here only),
 * the steps the run recorded, the emails it rendered, and the problems met on nodes.
 */
export class SimulatedWorld {
  customer: CustomerSnapshot;
  run: RunRecord | null = null;
  readonly steps = new Map<number, StepRecord>();
  readonly emails: SimulatedEmail[] = [];
  readonly problems: SimulationProblem[] = [];
  /** Webhook and team-note calls the run would have made, and the script's answers to webhooks. */
  readonly outbound = new SimulatedOutbound();
  /**
   * The customer's events so far, stamped with their virtual times: the trigger and each scripted event as it is
   * signalled. A history condition ("purchased in the last 30 days") is answered from these, never from the store.
   */
  readonly events: RunEvent[] = [];
  private stopWith: ((reason: WorldStop) => void) | undefined;
  /** Resolves when the run ends or takes too many steps. */
  readonly stopped: Promise<WorldStop>;

  constructor(customer: CustomerSnapshot) {
    this.customer = customer;
    this.stopped = new Promise((resolve) => {
      this.stopWith = resolve;
    });
  }

  /** Keeps the latest run record and each step by its sequence number (a retried record overwrites itself). */
  record(run: RunRecord, step: StepRecord | undefined): void {
    this.run = run;
    if (step) this.steps.set(step.seq, step);
    if (run.endedAt !== null) this.stopWith?.('ended');
    else if (this.steps.size > MAX_SIMULATED_STEPS) this.stopWith?.('step_limit');
  }

  /** Notes a problem once per node and message. */
  problem(nodeId: string | null, message: string): void {
    if (!this.problems.some((seen) => seen.nodeId === nodeId && seen.message === message)) this.problems.push({ nodeId, message });
  }
}
