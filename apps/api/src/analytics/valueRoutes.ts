import { z } from 'zod';
import {
  clvByChannel, clvByCohort, clvBySegment, clvByStage, customerValueOf, loadAnalyticsSettings, revenueByPeriod, revenueTotals, topCustomersByClv, unconvertedRevenue,
} from '@lifecycle/db';
import type { Route } from '../routes/route';
import { route } from '../routes/route';
import { resolveCustomer } from '../services/resolveCustomer';
import { acquisitionRoutes } from './acquisitionRoutes';
import { AnalyticsQuery, resolveRange } from './analyticsQuery';
import { analyticsRoutes } from './analyticsRoute';
import { lastWholeMonths, predictedClv } from './valueFigures';
import { ClvBreakdown, CustomerValueAnswer, PredictedClvAnswer, RevenueAnswer, TopCustomersAnswer } from './valueSchemas';

const ClvQuery = AnalyticsQuery.extend({ by: z.enum(['cohort', 'segment', 'stage', 'channel']).default('cohort').describe('how customers are grouped: first-seen month (in the range), segment, current stage or channel') });
const MonthsQuery = AnalyticsQuery.extend({ months: z.coerce.number().int().min(1).max(24).default(6).describe('how many whole months (ending with the last whole month of the range) churn and ARPU are averaged over') });
const TopQuery = AnalyticsQuery.extend({ limit: z.coerce.number().int().min(1).max(200).default(20) });

/** The value figures of the Analytics area (JSON and CSV), the acquisition (CAC) routes and a customer's value. */
export const valueAnalyticsRoutes: Route[] = [
  ...analyticsRoutes({
    path: '/api/analytics/value/revenue', summary: 'Revenue over time (base currency; amounts without a rate reported apart) and ARPU', query: AnalyticsQuery, schema: RevenueAnswer,
    compute: async (c, query) => {
      const db = c.var.deps.db;
      const range = resolveRange(query);
      const totals = await revenueTotals(db, range);
      return {
        baseCurrency: (await loadAnalyticsSettings(db)).revenue.baseCurrency, from: range.from, to: range.to, interval: range.interval,
        periods: await revenueByPeriod(db, range), totals: { ...totals, arpu: totals.customers === 0 ? null : totals.revenue / totals.customers }, unconverted: await unconvertedRevenue(db, range),
      };
    },
    csv: (result) => ({ columns: ['period', `revenue_${result.baseCurrency}`, 'orders', 'paying_customers'], rows: result.periods.map((row) => [row.period, row.revenue, row.orders, row.payingCustomers]) }),
  }),
  ...analyticsRoutes({
    path: '/api/analytics/value/clv', summary: 'Historical CLV (revenue to date) averaged per cohort, segment, stage or channel', query: ClvQuery, schema: ClvBreakdown,
    compute: async (c, query) => {
      const db = c.var.deps.db;
      const range = resolveRange(query);
      const groups = (query.by === 'cohort' ? await clvByCohort(db, range) : query.by === 'segment' ? await clvBySegment(db, range) : query.by === 'stage' ? await clvByStage(db, range) : await clvByChannel(db, range));
      return { baseCurrency: (await loadAnalyticsSettings(db)).revenue.baseCurrency, by: query.by, groups };
    },
    csv: (result) => ({ columns: [result.by, 'customers', `revenue_${result.baseCurrency}`, 'average_clv'], rows: result.groups.map((row) => [row.group, row.customers, row.revenue, row.averageClv]) }),
  }),
  ...analyticsRoutes({
    path: '/api/analytics/value/predicted', summary: 'Predicted CLV = monthly ARPU × margin ÷ monthly churn rate, with its inputs per month', query: MonthsQuery, schema: PredictedClvAnswer,
    compute: async (c, query) => {
      const db = c.var.deps.db;
      const settings = await loadAnalyticsSettings(db);
      const range = resolveRange(query);
      return { baseCurrency: settings.revenue.baseCurrency, customerStages: settings.customerStages, churnStages: settings.churnStages, ...await predictedClv(db, settings, lastWholeMonths(range.to, query.months), range) };
    },
    csv: (result) => ({ columns: ['month', 'start_customers', 'churned', 'churn_rate', `revenue_${result.baseCurrency}`, 'customers', 'arpu'], rows: result.months.map((row) => [row.month, row.startCustomers, row.churned, row.churnRate, row.revenue, row.customers, row.arpu]) }),
  }),
  ...analyticsRoutes({
    path: '/api/analytics/value/top-customers', summary: 'Customers with the most revenue to date (historical CLV)', query: TopQuery, schema: TopCustomersAnswer,
    compute: async (c, query) => ({ customers: await topCustomersByClv(c.var.deps.db, resolveRange(query), query.limit) }),
    csv: (result) => ({ columns: ['customer', 'revenue', 'orders', 'last_purchase_at'], rows: result.customers.map((row) => [row.customerId, row.revenue, row.orders, row.lastPurchaseAt]) }),
  }),
  route({
    method: 'GET', path: '/api/customers/:id/value', role: 'viewer', tag: 'customers', summary: "A customer's revenue to date (historical CLV), orders, and amounts without a rate",
    params: z.object({ id: z.string().min(1).max(500) }), ok: { status: 200, schema: CustomerValueAnswer },
    handler: async (c, { params }) => {
      const db = c.var.deps.db;
      const customer = await resolveCustomer(db, params.id);
      return c.json({ baseCurrency: (await loadAnalyticsSettings(db)).revenue.baseCurrency, ...(await customerValueOf(db, customer.id)) });
    },
  }),
  ...acquisitionRoutes,
];
