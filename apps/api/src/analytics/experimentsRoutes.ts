import { experimentPromotions, globalControlMembership, loadAnalyticsSettings } from '@lifecycle/db';
import { z } from 'zod';
import type { Route } from '../routes/route';
import { route } from '../routes/route';
import { AnalyticsQuery, resolveRange, type AnalyticsRange } from './analyticsQuery';
import { analyticsRoutes } from './analyticsRoute';
import { ARM_TEST, allSplitResults, SplitResult } from './experiments/armResults';
import { GlobalControlResult, globalControlResult } from './experiments/globalControlResult';

const filterOf = (range: AnalyticsRange) => ({ from: range.from, to: range.to, segmentId: range.segmentId, channel: range.channel });

const ArmsAnswer = z.object({
  test: z.string().describe('the statistical test the arms are judged by'),
  splits: z.array(SplitResult),
  promotions: z.array(
    z.object({ journeyId: z.string(), nodeId: z.string(), fromVersionId: z.string(), versionId: z.string(), armId: z.string(), pValue: z.number(), note: z.string(), promotedAt: z.string() }),
  ),
});

const Membership = z.object({
  customerId: z.string(),
  assigned: z.boolean(),
  inControl: z.boolean(),
  share: z.number().nullable().describe('the control share the customer was drawn under'),
  assignedAt: z.string().nullable(),
  heldOut: z.boolean().describe('lifecycle messages skip this customer now (in the control group while a share is set)'),
});

/** The experiments figures of the Analytics area (JSON and CSV). */
export const experimentsAnalyticsRoutes: Route[] = [
  ...analyticsRoutes({
    path: '/api/analytics/experiments/arms',
    summary: 'Random-split experiments: entered, converted, rate, lift against the control with a 95% interval, p-value, winner',
    query: AnalyticsQuery,
    schema: ArmsAnswer,
    compute: async (c, query) => {
      const { db } = c.var.deps;
      const settings = await loadAnalyticsSettings(db);
      return { test: ARM_TEST, splits: await allSplitResults(db, filterOf(resolveRange(query)), settings.experimentMinEntries), promotions: await experimentPromotions(db) };
    },
    csv: (answer) => ({
      columns: ['journey', 'split', 'arm', 'control', 'baseline', 'entered', 'converted', 'rate', 'difference', 'difference_low', 'difference_high', 'relative_lift', 'p_value', 'winner'],
      rows: answer.splits.flatMap((split) =>
        split.arms.map((arm) => [split.journeyName, split.label ?? split.nodeId, arm.label ?? arm.armId, arm.control, arm.baseline, arm.entered, arm.converted, arm.rate, arm.difference, arm.differenceLow, arm.differenceHigh, arm.relativeLift, arm.pValue, split.winner === arm.armId]),
      ),
    }),
  }),
  ...analyticsRoutes({
    path: '/api/analytics/experiments/global-control',
    summary: 'Global control group: conversion rate and revenue per customer, control against treatment, with 95% intervals',
    query: AnalyticsQuery,
    schema: GlobalControlResult,
    compute: async (c, query) => {
      const { db } = c.var.deps;
      return globalControlResult(db, await loadAnalyticsSettings(db), filterOf(resolveRange(query)));
    },
    csv: (answer) => ({
      columns: ['group', 'customers', 'converted', 'conversion_rate', 'revenue', 'revenue_per_customer'],
      rows: answer.groups.map((group) => [group.group, group.customers, group.converted, group.conversionRate, group.revenue, group.revenuePerCustomer]),
    }),
  }),
  route({
    method: 'GET',
    path: '/api/analytics/experiments/membership/:customerId',
    role: 'viewer',
    tag: 'analytics',
    summary: "A customer's place in the global control group",
    params: z.object({ customerId: z.string().min(1).max(500) }),
    ok: { status: 200, schema: Membership },
    handler: async (c, { params }) => {
      const { db } = c.var.deps;
      const membership = await globalControlMembership(db, params.customerId);
      const active = (await loadAnalyticsSettings(db)).globalControlShare > 0;
      return c.json({
        customerId: params.customerId,
        assigned: membership !== undefined,
        inControl: membership?.inControl ?? false,
        share: membership?.share ?? null,
        assignedAt: membership?.assignedAt ?? null,
        heldOut: active && membership?.inControl === true,
      });
    },
  }),
];
