import { LifecycleConfig, stageConfigProblems } from '@lifecycle/journey';
import { saveLifecycleSettings } from '@lifecycle/db';
import { HttpError } from '../errors';
import { audit } from '../services/audit';
import { z } from 'zod';
import { lifecycleConfig, stageCounts } from '../services/lifecycleStages';
import { route } from './route';
import { LifecycleStages } from '../responses/customers';

const tag = 'lifecycle';

const StageCount = z.object({ stage: z.string(), customers: z.number().int().min(0) });
/** Customers per stage now: the configured stages in order, then stages customers hold that the config no longer lists. */
export const StageCounts = z.object({ stages: z.array(StageCount), unlisted: z.array(StageCount), total: z.number().int().min(0) });

/** The business's lifecycle stages and the rules that move customers between them. */
export const lifecycleStageRoutes = [
  route({ method: 'GET', path: '/api/lifecycle/stages', role: 'viewer', tag, summary: 'Lifecycle stages (ordered) and their rules', ok: { status: 200, schema: LifecycleStages }, handler: async (c) => c.json(await lifecycleConfig(c.var.deps.db)) }),
  route({
    method: 'GET', path: '/api/lifecycle/stages/counts', role: 'viewer', tag, summary: 'How many customers are in each stage now (customers with no stage yet count in the first)',
    ok: { status: 200, schema: StageCounts }, handler: async (c) => c.json(await stageCounts(c.var.deps.db)),
  }),
  route({
    method: 'PUT', path: '/api/lifecycle/stages', role: 'admin', tag, summary: 'Save the lifecycle stages and rules', body: LifecycleConfig, ok: { status: 200, schema: LifecycleStages },
    handler: async (c, { body }) => {
      const problems = stageConfigProblems(body);
      if (problems.length > 0) throw new HttpError(422, 'invalid_stages', problems.join('; '), { problems });
      await saveLifecycleSettings(c.var.deps.db, body);
      await audit(c, 'lifecycle.update', { type: 'lifecycle', id: 'default' }, { stages: body.stages.length, rules: body.rules.length });
      return c.json(body);
    },
  }),
];
