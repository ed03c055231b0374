import { dashboard } from '../services/dashboard';
import { route } from './route';
import { Dashboard } from '../responses/dashboard';

/** The operations dashboard: activity per hour, health, backlog, what is failing. */
export const dashboardRoutes = [
  route({
    method: 'GET', path: '/api/dashboard', role: 'viewer', tag: 'runs', summary: 'Runs and emails per hour (24 h), worker and Temporal health, queue backlog, failing runs', ok: { status: 200, schema: Dashboard },
    handler: async (c) => c.json(await dashboard(c.var.deps)),
  }),
];
