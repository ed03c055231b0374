import type { Db } from '@lifecycle/db';
import type { Principal } from './auth/principal';
import type { Config } from './config';
import type { RateLimiter } from './rateLimit';
import type { RunStarter } from './runStarter';
import type { Dispatcher } from './dispatch/dispatcher';

/** Per-app rate limiters (in memory: one API process). */
export type Limiters = { signIn: RateLimiter; ingest: RateLimiter };

/** What every route may use, set once per app. */
export type AppDeps = { db: Db; temporal: RunStarter; config: Config; dispatcher: Dispatcher; limiters: Limiters };

/** Hono environment: routes read deps from `c.var.deps`, and the caller of a management route from `c.var.principal`. */
export type AppEnv = { Variables: { deps: AppDeps; principal: Principal | undefined } };
