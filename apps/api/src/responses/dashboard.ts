import { z } from 'zod';
import { Instant, MaybeInstant, RunStatus } from './common';
import { ActivityFailure } from './runs';

const Hourly = z.array(z.number().int()).describe('one figure per hour of `hours`');

/** The operations dashboard: 24 h of activity, health, backlog and what is failing. */
export const Dashboard = z.object({
  generatedAt: Instant,
  hours: z.array(Instant),
  runs: z.object({ started: Hourly, completed: Hourly, failed: Hourly }),
  emails: z.object({ sent: Hourly, opened: Hourly, clicked: Hourly }),
  health: z.object({ worker: z.object({ status: z.enum(['ok', 'unreachable', 'unhealthy']), detail: z.unknown() }), temporal: z.string() }),
  backlog: z.object({
    source: z.enum(['temporal', 'estimate']),
    temporal: z.object({ workflowTasks: z.number().int(), activityTasks: z.number().int(), pollers: z.number().int() }).nullable(),
    staleRunning: z.number().int(),
    error: z.string().optional(),
  }),
  dispatch: z
    .object({ waiting: z.number().int(), oldestReceivedAt: MaybeInstant })
    .describe('events stored and not yet handed to journeys, and when the oldest of them was stored (grows while no API process dispatches)'),
  analytics: z
    .object({ pending: z.number().int(), oldestQueuedAt: MaybeInstant })
    .describe('events stored and not yet counted in the analytics figures (they are counted after ingest, taking a small share of a busy API), and when the oldest was stored'),
  retrying: z.array(ActivityFailure.extend({ journeyId: z.string(), status: RunStatus, currentNodeId: z.string().nullable(), stuck: z.boolean() })),
  failedRunCount: z.number().int().describe('runs started in the window that failed or have a failed step'),
  failedRuns: z.array(z.object({ workflowId: z.string(), journeyId: z.string(), customerId: z.string(), status: RunStatus, failedSteps: z.number().int(), currentNodeId: z.string().nullable(), error: z.string().nullable(), startedAt: Instant, endedAt: MaybeInstant })),
});
export type Dashboard = z.infer<typeof Dashboard>;
