import { HealthSettings } from '@lifecycle/journey';
import { loadHealthSettings, saveHealthSettings } from '@lifecycle/db';
import { audit } from '../services/audit';
import { route } from '../routes/route';

const tag = 'analytics';

/** The health score's definition: weighted rules and band thresholds. A save rescores everyone (in batches, by the sweep). */
export const healthSettingsRoutes = [
  route({
    method: 'GET', path: '/api/analytics/health/settings', role: 'viewer', tag, summary: 'How the health score is computed (weighted rules, band thresholds)', ok: { status: 200, schema: HealthSettings },
    handler: async (c) => c.json(await loadHealthSettings(c.var.deps.db)),
  }),
  route({
    method: 'PUT', path: '/api/analytics/health/settings', role: 'admin', tag, summary: 'Define the health score; every customer is rescored with it by the sweep', body: HealthSettings, ok: { status: 200, schema: HealthSettings },
    handler: async (c, { body }) => {
      await saveHealthSettings(c.var.deps.db, body);
      await audit(c, 'analytics.health.settings.update', { type: 'analytics', id: 'health' }, { rules: body.rules.length });
      return c.json(body);
    },
  }),
];
