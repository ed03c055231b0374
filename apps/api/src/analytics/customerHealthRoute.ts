import { HealthBand, HealthRuleResult, scoreHealth } from '@lifecycle/journey';
import { customerHealthOf, healthInputsOf, loadHealthSettings } from '@lifecycle/db';
import { z } from 'zod';
import { IdParams } from '../routes/params';
import { route } from '../routes/route';
import { resolveCustomer } from '../services/resolveCustomer';

const CustomerHealth = z
  .object({
    customerId: z.string(),
    current: z.object({ score: z.number().int(), band: HealthBand, computedAt: z.string() }).nullable().describe('the stored score (null: not scored yet, or no rules defined)'),
    why: z
      .object({ score: z.number().int(), band: HealthBand, rules: z.array(HealthRuleResult) })
      .nullable()
      .describe('the score computed now from the current rules, rule by rule: "why this score"'),
    bands: z.object({ healthyFrom: z.number(), atRiskFrom: z.number() }),
    history: z.array(z.object({ score: z.number().int(), band: HealthBand, from: HealthBand.nullable(), at: z.string() })).describe('each change, newest first'),
  })
  .describe("A customer's health score, its history and the rules behind it");

/** GET /api/customers/:id/health: the profile's health panel. */
export const customerHealthRoutes = [
  route({
    method: 'GET', path: '/api/customers/:id/health', role: 'viewer', tag: 'customers', params: IdParams, ok: { status: 200, schema: CustomerHealth },
    summary: "A customer's health score and band, its history, and each rule's part of it",
    handler: async (c, { params }) => {
      const db = c.var.deps.db;
      const customerId = (await resolveCustomer(db, params.id)).id;
      const settings = await loadHealthSettings(db);
      const why = scoreHealth(settings, (await healthInputsOf(db, settings, customerId, new Date())).observed) ?? null;
      return c.json({ customerId, ...await customerHealthOf(db, customerId), why, bands: settings.bands });
    },
  }),
];
