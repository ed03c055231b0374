import { Hono } from 'hono';
import type { AppEnv } from '../appContext';
import { parseQuery } from '../body';
import { pageOfRuns, runDetail, RunsQuery } from '../services/runs';

/** Runs: where each customer is in each journey, and why. Workflow ids contain '/': clients URI-encode them, Hono decodes the param once. */
export const runRoutes = new Hono<AppEnv>()
  .get('/', (c) => c.json(pageOfRuns(c.var.deps.db, parseQuery(c, RunsQuery))))
  .get('/:workflowId{.+}', (c) => c.json(runDetail(c.var.deps.db, c.req.param('workflowId'))));
