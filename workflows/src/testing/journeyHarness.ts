import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker, type LogLevel } from '@temporalio/worker';
import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { JourneyGraph } from '@lifecycle/journey';
import { sdkExecutable, temporalTestServerPath } from '../../../scripts/temporalBinaries';
import { journeyWorkflowBundle } from '../../../tests/support/workflowBundle';
import { journeyRunId } from '../ids';
import type { journeyRun } from '../journeyRun';
import { progressQuery, type RunEvent, type RunProgress } from '../messages';
import { progressSinks } from '../progressSinkWriter';
import { emptyWorld, memoryActivities, type MemoryWorld } from './memoryActivities';

export type RunHandle = WorkflowHandleWithFirstExecutionRunId<typeof journeyRun>;

/** A time-skipping Temporal test server and one worker running journeyRun over in-memory activities. */
export interface JourneyHarness {
  env: TestWorkflowEnvironment;
  world: MemoryWorld;
  /** Starts a run of `graph` for `customerId`, with a `signed_up` trigger event. */
  start(graph: JourneyGraph, customerId: string, options?: { workflowId?: string; properties?: Record<string, unknown>; resumeAt?: string; workspaceTimeZone?: string; timeScale?: number; historyLimit?: number }): Promise<RunHandle>;
  /** Polls the progress query until `ready` holds (10 s at most), returning the progress seen. */
  progressWhen(handle: RunHandle, ready: (progress: RunProgress) => boolean): Promise<RunProgress>;
  stop(): Promise<void>;
}

let taskQueues = 0;

function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger((process.env.JOURNEY_TEST_LOG as LogLevel | undefined) ?? 'ERROR') });
  } catch {
    // already installed in this test worker
  }
}

/** Starts the harness; call `stop()` in afterAll. */
export async function startJourneyHarness(): Promise<JourneyHarness> {
  quietRuntime();
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: sdkExecutable(temporalTestServerPath()) } });
  const world = emptyWorld();
  const taskQueue = `journey-test-${process.pid}-${(taskQueues += 1)}`;
  const activities = memoryActivities(world);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: await journeyWorkflowBundle(),
    activities,
    sinks: progressSinks((records) => activities.recordProgressBatch({ records })),
    stickyQueueScheduleToStartTimeout: '1s',
  });
  const running = worker.run();

  return {
    env,
    world,
    async start(graph, customerId, options = {}) {
      const triggerEvent: RunEvent = {
        id: `evt-signup-${customerId}`,
        name: 'signed_up',
        properties: options.properties ?? {},
        timestamp: new Date().toISOString(),
      };
      return env.client.workflow.start<typeof journeyRun>('journeyRun', {
        taskQueue,
        workflowId: options.workflowId ?? journeyRunId('welcome', customerId, 'once'),
        args: [{ journeyId: 'welcome', versionId: 'v1', version: 1, graph, customerId, triggerEvent, resumeAt: options.resumeAt, workspaceTimeZone: options.workspaceTimeZone, timeScale: options.timeScale, historyLimit: options.historyLimit }],
      });
    },
    async progressWhen(handle, ready) {
      let last: RunProgress | undefined;
      for (let attempt = 0; attempt < 400; attempt += 1) {
        last = await handle.query(progressQuery);
        if (ready(last)) return last;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`run ${handle.workflowId} never reached the expected progress; last: ${JSON.stringify(last)}`);
    },
    async stop() {
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}

/** A customer event as the API would signal it. */
export function customerEvent(id: string, name: string, properties: Record<string, unknown> = {}): RunEvent {
  return { id, name, properties, timestamp: new Date().toISOString() };
}
