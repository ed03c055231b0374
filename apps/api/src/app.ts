import { Hono } from 'hono';
import type { Db } from '@lifecycle/db';
import type { AppDeps, AppEnv, Limiters } from './appContext';
import type { Config } from './config';
import { isDatabaseBusy } from '@lifecycle/db';
import { HttpError } from './errors';
import { createRateLimiter } from './rateLimit';
import { registerRoutes } from './routes/register';
import { routeTable } from './routes/table';
import type { RunStarter } from './runStarter';
import { secureHeaders } from './secureHeaders';
import { createDispatcher, type Dispatcher } from './dispatch/dispatcher';

export type CreateAppDeps = { db: Db; temporal: RunStarter; config: Config; dispatcher?: Dispatcher; limiters?: Limiters };

/** Sign-in: 5 attempts a minute per email and address. */
function defaultLimiters(config: Config): Limiters {
  return {
    signIn: createRateLimiter({ perSecond: 5 / 60, burst: 5 }),
    ingest: createRateLimiter({ perSecond: config.ingestRatePerSecond, burst: config.ingestBurst }),
  };
}

/**
 * The whole HTTP API as a Hono app (tests call `app.request()`; main.ts serves it), built from the
 * route table. Without a dispatcher one is made over `temporal`; its periodic sweep is started by main.ts.
 */
export function createApp(deps: CreateAppDeps) {
  const dispatcher = deps.dispatcher ?? createDispatcher({ db: deps.db, runs: deps.temporal, timeScale: deps.config.journeyTimeScale, leaseMs: deps.config.dispatchLeaseMs });
  const appDeps: AppDeps = { ...deps, dispatcher, limiters: deps.limiters ?? defaultLimiters(deps.config) };
  const app = new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set('deps', appDeps);
      await next();
    })
    .use(secureHeaders());
  registerRoutes(app, routeTable);
  return app
    .notFound((c) => c.json({ error: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` }, 404))
    .onError((error, c) => {
      if (error instanceof HttpError) return c.json({ error: error.code, message: error.message, ...error.extra }, error.status, error.headers);
      if (isDatabaseBusy(error)) {
        c.header('retry-after', '1');
        return c.json({ error: 'busy', message: 'the database is busy; retry in a second' }, 503);
      }
      console.error(`${c.req.method} ${c.req.path} failed:`, error);
      return c.json({ error: 'internal_error', message: 'something went wrong on our side' }, 500);
    });
}

export type App = ReturnType<typeof createApp>;
