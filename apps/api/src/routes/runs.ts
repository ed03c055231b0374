import { z } from 'zod';
import { pageOfRuns, runCounts, runDetail, RunsFilterQuery, RunsQuery } from '../services/runs';
import { route } from './route';
import { RunCounts, RunDetail, RunPage } from '../responses/runs';

const tag = 'runs';
const RunParams = z.object({ workflowId: z.string().min(1).max(2000) });

/** Runs: where each customer is in each journey, and why. Workflow ids contain '/': clients URI-encode them, Hono decodes the param once. */
export const runRoutes = [
  route({
    method: 'GET', path: '/api/runs', role: 'viewer', tag, summary: 'A page of runs, filtered and sorted (keyset paging by cursor)', query: RunsQuery, ok: { status: 200, schema: RunPage },
    handler: async (c, { query }) => c.json(await pageOfRuns(c.var.deps.db, query)),
  }),
  // Before the detail route: its `{.+}` would take `counts` as a workflow id.
  route({
    method: 'GET', path: '/api/runs/counts', role: 'viewer', tag, summary: 'How many runs match the filter, per status', query: RunsFilterQuery, ok: { status: 200, schema: RunCounts },
    handler: async (c, { query }) => c.json(await runCounts(c.var.deps.db, query)),
  }),
  route({
    method: 'GET', path: '/api/runs/:workflowId{.+}', role: 'viewer', tag, summary: 'A run with its steps, deliveries, offer codes, failures and Temporal UI link (workflow id URI-encoded)', params: RunParams, ok: { status: 200, schema: RunDetail },
    handler: async (c, { params }) => c.json(await runDetail(c.var.deps.db, params.workflowId, c.var.deps.config.temporalNamespace)),
  }),
];
