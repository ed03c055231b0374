import type { Db } from '@lifecycle/db';
import type { Config } from './config';
import type { RunStarter } from './runStarter';
import type { Dispatcher } from './services/dispatcher';

/** What every route may use, set once per app. */
export type AppDeps = { db: Db; temporal: RunStarter; config: Config; dispatcher: Dispatcher };

/** Hono environment: routes read deps from `c.var.deps`. */
export type AppEnv = { Variables: { deps: AppDeps } };
