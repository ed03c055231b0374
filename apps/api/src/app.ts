import { Hono } from 'hono';
import type { Db } from '@lifecycle/db';
import type { AppDeps, AppEnv } from './appContext';
import type { Config } from './config';
import { HttpError, isDatabaseBusy } from './errors';
import { healthRoutes } from './routes/health';
import { ingestRoutes } from './routes/ingest';
import { journeyRoutes } from './routes/journeys';
import { offerRoutes } from './routes/offers';
import { outboxRoutes } from './routes/outbox';
import { runRoutes } from './routes/runs';
import { templateRoutes } from './routes/templates';
import { trackingRoutes } from './routes/tracking';
import { writeKeyRoutes } from './routes/writeKeys';
import type { RunStarter } from './runStarter';
import { createDispatcher, type Dispatcher } from './services/dispatcher';

export type CreateAppDeps = { db: Db; temporal: RunStarter; config: Config; dispatcher?: Dispatcher };

/**
 * The whole HTTP API as a Hono app (tests call `app.request()`; main.ts serves it). Without a
 * dispatcher one is made over `temporal`; its periodic sweep is started by main.ts.
 */
export function createApp(deps: CreateAppDeps) {
  const dispatcher = deps.dispatcher ?? createDispatcher({ db: deps.db, runs: deps.temporal, timeScale: deps.config.journeyTimeScale });
  const appDeps: AppDeps = { ...deps, dispatcher };
  return new Hono<AppEnv>()
    .use(async (c, next) => {
      c.set('deps', appDeps);
      await next();
    })
    .route('/v1', ingestRoutes)
    .route('/api/journeys', journeyRoutes)
    .route('/api/templates', templateRoutes)
    .route('/api/offers', offerRoutes)
    .route('/api/write-keys', writeKeyRoutes)
    .route('/api/runs', runRoutes)
    .route('/api/outbox', outboxRoutes)
    .route('/health', healthRoutes)
    .route('/', trackingRoutes)
    .notFound((c) => c.json({ error: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` }, 404))
    .onError((error, c) => {
      if (error instanceof HttpError) return c.json({ error: error.code, message: error.message, ...error.extra }, error.status);
      if (isDatabaseBusy(error)) {
        c.header('retry-after', '1');
        return c.json({ error: 'busy', message: 'the database is busy; retry in a second' }, 503);
      }
      console.error(`${c.req.method} ${c.req.path} failed:`, error);
      return c.json({ error: 'internal_error', message: 'something went wrong on our side' }, 500);
    });
}

export type App = ReturnType<typeof createApp>;
