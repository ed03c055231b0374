import { Client, Connection, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { TemporalConnection } from '@lifecycle/temporal-connection';
import { JOURNEY_TASK_QUEUE } from '@lifecycle/workflows/ids';
import { customerEventSignal, operationSignal, skipWaitSignal } from '@lifecycle/workflows/messages';
import type { RunStarter } from './runStarter';

/**
 * The Temporal client behind `RunStarter`. It connects on first use and again after a failed
 * attempt, so the API boots and ingests while Temporal is down.
 */
export function temporalRunStarter(options: TemporalConnection, runs: { historyLimit?: number } = {}): RunStarter {
  let connecting: Promise<{ connection: Connection; client: Client }> | undefined;

  function connected() {
    connecting ??= Connection.connect({ ...options.sdk, connectTimeout: '3s' }).then(
      (connection) => ({ connection, client: new Client({ connection, namespace: options.namespace }) }),
      (error: unknown) => {
        connecting = undefined;
        throw error;
      },
    );
    return connecting;
  }

  async function whenFound<T>(action: () => Promise<T>): Promise<T | 'not_found'> {
    try {
      return await action();
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return 'not_found';
      throw error;
    }
  }

  return {
    async startRun(input, workflowId) {
      const { client } = await connected();
      try {
        await client.workflow.start('journeyRun', {
          taskQueue: JOURNEY_TASK_QUEUE,
          workflowId,
          args: [runs.historyLimit === undefined ? input : { ...input, historyLimit: runs.historyLimit }],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        });
        return 'started';
      } catch (error) {
        if (error instanceof WorkflowExecutionAlreadyStartedError) return 'already_started';
        throw error;
      }
    },
    async signalRun(workflowId, event) {
      const { client } = await connected();
      return whenFound(async () => {
        await client.workflow.getHandle(workflowId).signal(customerEventSignal, event);
        return 'signalled' as const;
      });
    },
    async skipWait(workflowId) {
      const { client } = await connected();
      return whenFound(async () => {
        await client.workflow.getHandle(workflowId).signal(skipWaitSignal);
        return 'signalled' as const;
      });
    },
    async signalOperation(workflowId, operation) {
      const { client } = await connected();
      return whenFound(async () => {
        const [signal, args] = operationSignal(operation);
        await client.workflow.getHandle(workflowId).signal(signal, ...args);
        return 'signalled' as const;
      });
    },
    async describeRun(workflowId) {
      const { client } = await connected();
      return whenFound(async () => {
        const described = await client.workflow.getHandle(workflowId).describe();
        return { status: described.status.name, closedAt: described.closeTime?.toISOString() ?? null };
      });
    },
    async cancel(workflowId) {
      const { client } = await connected();
      return whenFound(async () => {
        await client.workflow.getHandle(workflowId).cancel();
        return 'cancelled' as const;
      });
    },
    async taskQueueBacklog() {
      const { connection } = await connected();
      const describe = (taskQueueType: 1 | 2) =>
        connection.withDeadline(Date.now() + 3_000, () =>
          connection.workflowService.describeTaskQueue({ namespace: options.namespace, taskQueue: { name: JOURNEY_TASK_QUEUE }, taskQueueType, reportStats: true }),
        );
      const [workflow, activity] = await Promise.all([describe(1), describe(2)]); // TASK_QUEUE_TYPE_WORKFLOW, _ACTIVITY
      const backlog = (stats: typeof workflow.stats) => Number(stats?.approximateBacklogCount ?? 0);
      return { workflowTasks: backlog(workflow.stats), activityTasks: backlog(activity.stats), pollers: workflow.pollers.length };
    },
    async sendTestEmail(input) {
      const { client } = await connected();
      return client.workflow.execute('testEmail', {
        taskQueue: JOURNEY_TASK_QUEUE,
        workflowId: `test-email/${input.requestId}`,
        args: [input],
        workflowExecutionTimeout: '60s',
      });
    },
    async ping() {
      try {
        const { connection } = await connected();
        await connection.withDeadline(Date.now() + 2_000, () => connection.workflowService.getSystemInfo({}));
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      const current = connecting;
      connecting = undefined;
      if (current) await current.then(({ connection }) => connection.close()).catch(() => undefined);
    },
  };
}
