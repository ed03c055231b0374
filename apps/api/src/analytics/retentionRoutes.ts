import { cohortEvents, cohortMatrix, customerPeriods, growthLens, loadAnalyticsSettings } from '@lifecycle/db';
import { z } from 'zod';
import type { Route } from '../routes/route';
import { analyticsRoutes } from './analyticsRoute';
import { AnalyticsQuery, resolveRange } from './analyticsQuery';
import { ChurnAnswer, CohortAnswer, CohortEventsAnswer, CohortQuery, CrrAnswer, GrowthAnswer } from './retention/retentionSchemas';
import { cohortCsv } from './retention/retentionCsv';

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 10000) / 100);

/** The retention figures of the Analytics area (JSON and CSV). */
export const retentionAnalyticsRoutes: Route[] = [
  ...analyticsRoutes({
    path: '/api/analytics/retention/cohorts',
    summary: 'Cohort matrix: share of each cohort active in each period since it started, and the average retention curve',
    query: CohortQuery,
    schema: CohortAnswer,
    compute: async (c, query) => {
      const by = query.cohortBy === 'event' && query.event !== undefined ? { kind: 'event' as const, event: query.event } : { kind: 'first_seen' as const };
      return { cohortBy: query.cohortBy, event: query.event ?? null, ...await cohortMatrix(c.var.deps.db, by, resolveRange(query)) };
    },
    csv: cohortCsv,
  }),
  ...analyticsRoutes({
    path: '/api/analytics/retention/cohort-events',
    summary: 'Events customers did a first time (cohort by event), most customers first',
    query: z.object({}),
    schema: CohortEventsAnswer,
    compute: async (c) => ({ events: await cohortEvents(c.var.deps.db) }),
    csv: (answer) => ({ columns: ['event', 'customers'], rows: answer.events.map((row) => [row.event, row.customers]) }),
  }),
  ...analyticsRoutes({
    path: '/api/analytics/retention/crr',
    summary: 'Customer retention rate per period: (E − N) ÷ S',
    query: AnalyticsQuery,
    schema: CrrAnswer,
    compute: async (c, query) => {
      const db = c.var.deps.db;
      const periods = await customerPeriods(db, await loadAnalyticsSettings(db), resolveRange(query));
      return { periods: periods.map(({ period, start, end, new: joined, retained, crr }) => ({ period, start, end, new: joined, retained, crr })) };
    },
    csv: (answer) => ({
      columns: ['period', 'customers at start (S)', 'customers at end (E)', 'new customers (N)', 'retained (E - N)', 'CRR %'],
      rows: answer.periods.map((row) => [row.period, row.start, row.end, row.new, row.retained, percent(row.crr)]),
    }),
  }),
  ...analyticsRoutes({
    path: '/api/analytics/retention/churn',
    summary: 'Churn rate per period: customers who churned ÷ customers at its start',
    query: AnalyticsQuery,
    schema: ChurnAnswer,
    compute: async (c, query) => {
      const db = c.var.deps.db;
      const settings = await loadAnalyticsSettings(db);
      const periods = await customerPeriods(db, settings, resolveRange(query));
      return {
        churnStages: settings.churnStages,
        churnInactivityDays: settings.churnInactivityDays,
        periods: periods.map(({ period, start, churnedToStage, churnedInactive, churned, churnRate }) => ({ period, start, churnedToStage, churnedInactive, churned, churnRate })),
      };
    },
    csv: (answer) => ({
      columns: ['period', 'customers at start', 'moved into a churn stage', 'inactivity reached the limit', 'churned', 'churn rate %'],
      rows: answer.periods.map((row) => [row.period, row.start, row.churnedToStage, row.churnedInactive, row.churned, percent(row.churnRate)]),
    }),
  }),
  ...analyticsRoutes({
    path: '/api/analytics/retention/growth',
    summary: 'Growth lens per period: new, returning, resurrecting and dormant customers',
    query: AnalyticsQuery,
    schema: GrowthAnswer,
    compute: async (c, query) => ({ periods: await growthLens(c.var.deps.db, resolveRange(query)) }),
    csv: (answer) => ({
      columns: ['period', 'active', 'new', 'returning', 'resurrecting', 'dormant'],
      rows: answer.periods.map((row) => [row.period, row.active, row.new, row.returning, row.resurrecting, row.dormant]),
    }),
  }),
];
