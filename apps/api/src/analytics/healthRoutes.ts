import { HealthBand } from '@lifecycle/journey';
import { healthAverageBy, healthBandsNow, healthBandsOverTime, healthTransitions } from '@lifecycle/db';
import { z } from 'zod';
import type { Route } from '../routes/route';
import { AnalyticsQuery, resolveRange } from './analyticsQuery';
import { analyticsRoutes } from './analyticsRoute';
import { customerHealthRoutes } from './customerHealthRoute';
import { healthSettingsRoutes } from './healthSettingsRoutes';

const BandCounts = z.object({ healthy: z.number().int(), at_risk: z.number().int(), critical: z.number().int() });

const HealthBands = z.object({
  now: BandCounts.describe('customers per band now'),
  averageScore: z.number().nullable().describe('average current score of the customers scored'),
  periods: z.array(z.object({ period: z.string(), bands: BandCounts })).describe('customers per band at the end of each period (the current one: now)'),
});

const HealthTransitions = z.object({ transitions: z.array(z.object({ from: HealthBand, to: HealthBand, transitions: z.number().int() })).describe('band changes in the range, by when they happened') });

const AverageQuery = AnalyticsQuery.extend({ by: z.enum(['stage', 'channel', 'segment']).default('stage').describe('group customers by their stage, first-touch channel or segment') });
const HealthAverages = z.object({ by: AverageQuery.shape.by.removeDefault(), groups: z.array(z.object({ key: z.string(), customers: z.number().int(), averageScore: z.number() })) });

/** The health figures of the Analytics area (JSON and CSV), its settings and the profile's health panel. */
export const healthAnalyticsRoutes: Route[] = [
  ...healthSettingsRoutes,
  ...customerHealthRoutes,
  ...analyticsRoutes({
    path: '/api/analytics/health/bands', summary: 'Customers per health band now and at the end of each period', query: AnalyticsQuery, schema: HealthBands,
    compute: async (c, query) => {
      const range = resolveRange(query);
      const now = await healthBandsNow(c.var.deps.db, range);
      return { now: now.bands, averageScore: now.averageScore, periods: await healthBandsOverTime(c.var.deps.db, range, new Date()) };
    },
    csv: (result) => ({ columns: ['period', 'healthy', 'at_risk', 'critical'], rows: result.periods.map((row) => [row.period, row.bands.healthy, row.bands.at_risk, row.bands.critical]) }),
  }),
  ...analyticsRoutes({
    path: '/api/analytics/health/transitions', summary: 'Health band changes in the range (from → to)', query: AnalyticsQuery, schema: HealthTransitions,
    compute: async (c, query) => ({ transitions: await healthTransitions(c.var.deps.db, resolveRange(query)) }),
    csv: (result) => ({ columns: ['from', 'to', 'transitions'], rows: result.transitions.map((row) => [row.from, row.to, row.transitions]) }),
  }),
  ...analyticsRoutes({
    path: '/api/analytics/health/average', summary: 'Average health score by stage, channel or segment', query: AverageQuery, schema: HealthAverages,
    compute: async (c, query) => ({ by: query.by, groups: await healthAverageBy(c.var.deps.db, query.by, resolveRange(query)) }),
    csv: (result) => ({ columns: [result.by, 'customers', 'average_score'], rows: result.groups.map((row) => [row.key, row.customers, row.averageScore]) }),
  }),
];
