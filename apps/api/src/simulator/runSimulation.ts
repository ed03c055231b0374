import { randomUUID } from 'node:crypto';
import type { Db } from '@lifecycle/db';
import type { JourneyGraph } from '@lifecycle/journey';
import type { CustomerSnapshot } from '@lifecycle/workflows/activities';
import { customerEventSignal, type JourneyRunInput, type RunEvent } from '@lifecycle/workflows/messages';
import { progressSinks } from '@lifecycle/workflows/progressSinkWriter';
import { WorkflowFailedError } from '@temporalio/client';
import { TimeoutFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { scriptedMoments } from './scriptEvents';
import type { SimulatedWebhookAnswer } from './simulatedOutbound';
import { SimulatedWorld, type WorldStop } from './simulatedWorld';
import { simulationActivities } from './simulationActivities';
import { MAX_SIMULATED_DAYS, type ScriptLine, type SimulationStatus } from './simulationRequest';
import { simulationBundle, startSimulationServer } from './simulationRuntime';

/** The wall-clock budget of one simulation: a journey that has not finished its virtual time by then is stopped. */
export const SIMULATION_TIMEOUT_MS = 60_000;
const HORIZON_MS = MAX_SIMULATED_DAYS * 86_400_000;

/** What to simulate: the graph (already valid), for whom, and what the customer does. */
export interface SimulationPlan {
  journeyId: string;
  versionId: string;
  version: number;
  graph: JourneyGraph;
  customer: CustomerSnapshot;
  realCustomer: boolean;
  triggerEvent: Omit<RunEvent, 'timestamp'>;
  script: readonly ScriptLine[];
  workspaceTimeZone: string;
  webhookAnswers?: Record<string, SimulatedWebhookAnswer>;
}

type Ending = WorldStop | 'horizon' | 'timeout';

function wallClockTimeout(ms: number): { promise: Promise<'timeout'>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/**
 * Plays the script against the run on the time-skipping server: skips the clock to each scripted moment, signals
 * the events then, and finally skips to the horizon, stopping early when the run ends or loops.
 */
async function playScript(env: TestWorkflowEnvironment, plan: SimulationPlan, world: SimulatedWorld, taskQueue: string, workflowId: string): Promise<Ending> {
  const startMs = await env.currentTimeMs();
  const input: JourneyRunInput = {
    journeyId: plan.journeyId,
    versionId: plan.versionId,
    version: plan.version,
    graph: plan.graph,
    customerId: plan.customer.id,
    triggerEvent: { ...plan.triggerEvent, timestamp: new Date(startMs).toISOString() },
    workspaceTimeZone: plan.workspaceTimeZone,
  };
  world.events.push(input.triggerEvent);
  const handle = await env.client.workflow.start('journeyRun', { taskQueue, workflowId, args: [input], workflowExecutionTimeout: HORIZON_MS });
  const timeout = wallClockTimeout(SIMULATION_TIMEOUT_MS);
  let over = false;
  const play = async (): Promise<Ending> => {
    let elapsedMs = 0;
    for (const moment of scriptedMoments(plan.script, workflowId)) {
      if (moment.atMs > elapsedMs) await env.sleep(moment.atMs - elapsedMs);
      elapsedMs = Math.max(elapsedMs, moment.atMs);
      if (over || world.run?.endedAt) return 'ended';
      for (const event of moment.events(new Date(startMs + moment.atMs).toISOString())) {
        world.events.push(event);
        await handle.signal(customerEventSignal, event);
      }
    }
    // Skips time until the run ends; the execution timeout (virtual time) is the horizon.
    try {
      await handle.result();
      return 'ended';
    } catch (error) {
      if (error instanceof WorkflowFailedError && error.cause instanceof TimeoutFailure) return 'horizon';
      if (world.run?.endedAt) return 'ended'; // the run failed, and recorded it
      throw error;
    }
  };
  const played = play().catch((error: unknown): Ending => {
    if (over || world.run?.endedAt) return 'ended';
    throw error;
  });
  try {
    // The run ending (or looping, or the wall clock running out) stops the wait at once.
    return await Promise.race([played, world.stopped, timeout.promise]);
  } finally {
    over = true;
    timeout.cancel();
    if (!world.run?.endedAt) await handle.terminate('simulation over').catch(() => undefined);
    // With the run over nothing is scheduled, so any skipping under way ends at once. The server must not be torn down
    // under a call still in flight: the client would retry it on a closed channel, outside any promise.
    await Promise.race([played.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
  }
}

function statusOf(ending: Ending, world: SimulatedWorld): SimulationStatus {
  switch (ending) {
    case 'step_limit':
      return 'step_limit';
    case 'timeout':
      return 'timed_out';
    case 'horizon':
    case 'ended': {
      const status = world.run?.status;
      if (status === 'completed' || status === 'converted' || status === 'failed' || status === 'cancelled') return status;
      return 'still_waiting';
    }
    default: {
      const unknown: never = ending;
      throw new Error(`unknown simulation ending ${String(unknown)}`);
    }
  }
}

/** Runs the journey's real workflow for the plan on a fresh time-skipping server with simulation activities. */
export async function runSimulation(db: Db, plan: SimulationPlan): Promise<{ world: SimulatedWorld; status: SimulationStatus }> {
  const world = new SimulatedWorld(structuredClone(plan.customer));
  world.outbound.answers = plan.webhookAnswers ?? {};
  const workflowBundle = await simulationBundle();
  const env = await startSimulationServer();
  try {
    const taskQueue = `simulation-${randomUUID()}`;
    const activities = simulationActivities(db, world, plan.realCustomer);
    const worker = await Worker.create({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowBundle,
      activities,
      sinks: progressSinks((records) => activities.recordProgressBatch({ records })),
    });
    const workflowId = `simulation/${plan.journeyId}/${randomUUID()}`;
    const ending = await worker.runUntil(playScript(env, plan, world, taskQueue, workflowId));
    return { world, status: statusOf(ending, world) };
  } finally {
    await env.teardown();
  }
}
