import type { Context } from 'hono';
import type { AppEnv } from '../appContext';
import { actorOf } from '../auth/principal';
import type { ActionDeps } from '../services/runActions';

/** What run actions need, from the request's dependencies. */
export const actionDeps = (c: Context<AppEnv>): ActionDeps => ({ db: c.var.deps.db, temporal: c.var.deps.temporal, timeScale: c.var.deps.config.journeyTimeScale });

/** Who did it, as a run's step names them ("moved … by ada@example.com"). */
export const actorName = (c: Context<AppEnv>): string => actorOf(c.var.principal).actorLabel;
