import { z } from 'zod';
import { audit } from '../services/audit';
import { bulkCancel, bulkCancelCount, cancelRun, retryFailedStep, sendRunOnNow, type ActionDeps } from '../services/runActions';
import { RunsFilterQuery } from '../services/runs';
import { route } from './route';
import { BulkCancelAnswer, RunCancelled, RunRetried, RunSentOn } from '../responses/runs';

const tag = 'runs';
const RunRef = z.object({ workflowId: z.string().min(1).max(2000) });
const BulkCancel = RunsFilterQuery.extend({
  /** Answer how many runs would be cancelled, cancel nothing. */
  dryRun: z.boolean().optional(),
  /** The count the dry run gave; refused when it has changed since. */
  confirm: z.number().int().min(0).optional(),
});

const depsOf = (deps: { db: ActionDeps['db']; temporal: ActionDeps['temporal']; config: { journeyTimeScale: number } }): ActionDeps => ({
  db: deps.db,
  temporal: deps.temporal,
  timeScale: deps.config.journeyTimeScale,
});

/** What admins do to runs: cancel one or many, send a waiting run on, retry a failed step. Every action is audited. */
export const runActionRoutes = [
  route({
    method: 'POST', path: '/api/runs/actions/cancel', role: 'admin', tag, summary: 'Cancel a run (the workflow records cancelled)', body: RunRef, ok: { status: 200, schema: RunCancelled },
    handler: async (c, { body }) => {
      const result = await cancelRun(depsOf(c.var.deps), body.workflowId);
      await audit(c, 'run.cancel', { type: 'run', id: body.workflowId }, { result: result.result });
      return c.json(result);
    },
  }),
  route({
    method: 'POST', path: '/api/runs/actions/skip-wait', role: 'admin', tag, summary: 'Send a waiting run on now (end its wait)', body: RunRef, ok: { status: 200, schema: RunSentOn },
    handler: async (c, { body }) => {
      const result = await sendRunOnNow(depsOf(c.var.deps), body.workflowId);
      await audit(c, 'run.skip_wait', { type: 'run', id: body.workflowId });
      return c.json(result);
    },
  }),
  route({
    method: 'POST', path: '/api/runs/actions/retry', role: 'admin', tag, summary: "Retry a failed run's failed step (a new run resuming at that node)", body: RunRef, ok: { status: 200, schema: RunRetried },
    handler: async (c, { body }) => {
      const result = await retryFailedStep(depsOf(c.var.deps), body.workflowId);
      await audit(c, 'run.retry', { type: 'run', id: body.workflowId }, { retryWorkflowId: result.retryWorkflowId, resumeAt: result.resumeAt });
      return c.json(result);
    },
  }),
  route({
    method: 'POST', path: '/api/runs/actions/bulk-cancel', role: 'admin', tag,
    summary: 'Cancel every active run matching a filter: `dryRun: true` answers the count, then `confirm: <count>` cancels', body: BulkCancel, ok: { status: 200, schema: BulkCancelAnswer },
    handler: async (c, { body }) => {
      const { dryRun, confirm, ...filter } = body;
      if (dryRun || confirm === undefined) return c.json({ dryRun: true, count: await bulkCancelCount(c.var.deps.db, filter) });
      const result = await bulkCancel(depsOf(c.var.deps), filter, confirm);
      await audit(c, 'runs.bulk_cancel', { type: 'runs', id: null }, { filter, ...result });
      return c.json(result);
    },
  }),
];
