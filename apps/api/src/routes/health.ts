import { pingDatabase } from '@lifecycle/db';
import { route } from './route';
import { Health } from '../responses/meta';

/** Liveness and what the API can reach: the database always, Temporal maybe. */
export const healthRoutes = [
  route({
    method: 'GET', path: '/health', role: 'public', tag: 'health', summary: 'Liveness and reachability of the database and Temporal', ok: { status: 200, schema: Health },
    handler: async (c) => {
      const { db, temporal, dispatcher } = c.var.deps;
      await pingDatabase(db);
      const reachable = temporal.ping ? await temporal.ping() : true;
      return c.json({ ok: true, db: 'ok', temporal: reachable ? 'connected' : 'unreachable', dispatch: dispatcher.role() });
    },
  }),
];
