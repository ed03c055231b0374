import type { Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../appContext';
import { analyticsCatchUp, readsRollups } from '../analytics/applier/catchUp';
import { authorize } from '../auth/authorize';
import { parseWith, readJson } from '../body';
import { emptyNumbersRejected } from './queryNumbers';
import { checkResponses, responseCheck } from './responseCheck';
import { MANAGEMENT_BODY_BYTES, type Route } from './route';

function limitBody(maxSize: number): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize,
    onError: (c) => c.json({ error: 'payload_too_large', message: `the request body must be at most ${Math.round(maxSize / 1024)} KB` }, 413),
  });
}

/**
 * Registers every route of the table on `app`: body limit, then auth, then (for reads of the analytics figures)
 * counting what ingest queued, then parsed input, then the handler.
 */
export function registerRoutes(app: Hono<AppEnv>, table: readonly Route[]): void {
  for (const route of table) {
    const run: MiddlewareHandler<AppEnv> = async (c) => {
      const params = route.params ? parseWith(route.params, c.req.param()) : {};
      const query = route.query ? parseWith(route.query, emptyNumbersRejected(route.query, c.req.query())) : {};
      const body = route.body && route.bodyMode !== 'raw' ? parseWith(route.body, await readJson(c)) : {};
      return route.handler(c, { params, query, body });
    };
    const handlers: MiddlewareHandler<AppEnv>[] = [authorize(route.role), ...(readsRollups(route) ? [analyticsCatchUp] : []), run];
    if (route.method !== 'GET') handlers.unshift(limitBody(route.maxBodyBytes ?? MANAGEMENT_BODY_BYTES));
    if (checkResponses) handlers.unshift(responseCheck(route));
    app.on(route.method, route.path, ...(handlers as [MiddlewareHandler<AppEnv>]));
  }
}
