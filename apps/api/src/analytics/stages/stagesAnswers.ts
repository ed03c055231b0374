import { AnalyticsInterval } from '@lifecycle/journey';
import { z } from 'zod';
import { AnalyticsQuery } from '../analyticsQuery';

const Count = z.number().int().min(0);
const Rate = z.number().min(0).nullable();
const Ms = z.number().int().min(0).nullable().describe('milliseconds');

export const CurrentStages = z
  .object({ total: Count, stages: z.array(z.object({ stage: z.string(), customers: Count, share: z.number().min(0).max(1) })) })
  .describe('customers per stage now (no stage yet counts as the first configured stage)');
export type CurrentStages = z.infer<typeof CurrentStages>;

export const StagesOverTime = z
  .object({
    interval: AnalyticsInterval,
    stages: z.array(z.string()),
    periods: z.array(z.object({ period: z.string(), counts: z.record(z.string(), Count) })),
  })
  .describe('customers per stage at the end of each period (or of the range)');
export type StagesOverTime = z.infer<typeof StagesOverTime>;

const StageParam = z.string().min(1).max(64);

export const FunnelQuery = AnalyticsQuery.extend({
  start: StageParam.optional().describe('first step (default: the first configured stage)'),
  end: StageParam.optional().describe('last step (default: the last configured stage that is not a churn stage)'),
});
export type FunnelQuery = z.infer<typeof FunnelQuery>;

const Window = z.object({ from: z.string(), to: z.string() });

export const FunnelAnswer = z
  .object({
    range: Window,
    previousRange: Window.describe('the period of the same length just before'),
    steps: z.array(
      z.object({
        stage: z.string(),
        customers: Count,
        rateFromPrevious: Rate,
        rateFromStart: Rate,
        medianMsFromPrevious: Ms,
        previousCustomers: Count,
        previousRateFromPrevious: Rate,
        drop: z.number().nullable().describe('previous rate − rate (positive: conversion fell)'),
      }),
    ),
    weakestStep: z.object({ from: z.string(), to: z.string(), rate: z.number(), previousRate: z.number(), drop: z.number() }).nullable(),
  })
  .describe(
    'of the customers who entered the first step in the range, how many reached each next step in order. Counts are exact; ' +
      'the median time between steps is exact up to 20,000 recorded stage changes, beyond it comes from 5%-wide time buckets ' +
      '(linear within a bucket)',
  );
export type FunnelAnswer = z.infer<typeof FunnelAnswer>;

export const StageTransitions = z
  .object({
    transitions: z.array(
      z.object({
        from: z.string().nullable(),
        to: z.string(),
        kind: z.enum(['first', 'forward', 'back', 'churn', 'other']),
        moves: Count,
        shareOfFrom: z.number().min(0).max(1),
      }),
    ),
  })
  .describe('stage changes in the range, by from → to');
export type StageTransitions = z.infer<typeof StageTransitions>;

const Durations = z.object({ count: Count, medianMs: Ms, p90Ms: Ms });

export const TimeInStage = z
  .object({ asOf: z.string(), stages: z.array(z.object({ stage: z.string(), finished: Durations, current: Durations })) })
  .describe(
    'stays that ended in the range, and stays still going on at `asOf`. Exact up to 20,000 recorded stage changes; beyond, ' +
      'finished stays’ median and p90 come from 5%-wide duration buckets and current stays’ from the day each began ' +
      '(linear within a bucket or day)',
  );
export type TimeInStage = z.infer<typeof TimeInStage>;
