import { Hono } from 'hono';
import type { AppEnv } from '../appContext';

/** Liveness and what the API can reach: the database always, Temporal maybe. */
export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const { db, temporal } = c.var.deps;
  db.$client.prepare('select 1').get();
  const reachable = temporal.ping ? await temporal.ping() : true;
  return c.json({ ok: true, db: 'ok', temporal: reachable ? 'connected' : 'unreachable' });
});
