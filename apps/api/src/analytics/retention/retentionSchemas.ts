import { AnalyticsInterval } from '@lifecycle/journey';
import { z } from 'zod';
import { AnalyticsQuery } from '../analyticsQuery';

/** The cohort matrix's query: the common filters, and how customers are grouped into cohorts. */
export const CohortQuery = AnalyticsQuery.extend({
  cohortBy: z.enum(['first_seen', 'event']).default('first_seen').describe('group customers by the period they were first seen, or first did `event`'),
  event: z.string().min(1).max(200).optional().describe('the event whose first occurrence starts the cohort (with cohortBy=event)'),
}).superRefine((query, ctx) => {
  if (query.cohortBy === 'event' && query.event === undefined) ctx.addIssue({ code: 'custom', path: ['event'], message: 'required when cohortBy is event' });
});
export type CohortQuery = z.infer<typeof CohortQuery>;

const Rate = z.number().min(0).nullable().describe('share 0–1; null when there is no one to divide by');

const Cell = z.object({ offset: z.number().int().describe('periods since the cohort started'), active: z.number().int(), rate: Rate });

export const CohortAnswer = z.object({
  cohortBy: z.enum(['first_seen', 'event']),
  event: z.string().nullable(),
  interval: AnalyticsInterval,
  cohorts: z.array(z.object({ cohort: z.string().describe('start date of the cohort period'), customers: z.number().int(), cells: z.array(Cell) })),
  average: z.array(Cell.extend({ customers: z.number().int().describe('customers of the cohorts old enough to have this period') })),
});
export type CohortAnswer = z.infer<typeof CohortAnswer>;

export const CohortEventsAnswer = z.object({ events: z.array(z.object({ event: z.string(), customers: z.number().int() })) });

export const CrrAnswer = z.object({
  periods: z.array(
    z.object({
      period: z.string(),
      start: z.number().int().describe('S: customers in the customer stages at the period start'),
      end: z.number().int().describe('E: customers in the customer stages at the period end'),
      new: z.number().int().describe('N: customers at the end who were not at the start'),
      retained: z.number().int().describe('E − N'),
      crr: Rate,
    }),
  ),
});

export const ChurnAnswer = z.object({
  churnStages: z.array(z.string()),
  churnInactivityDays: z.number().int().nullable(),
  periods: z.array(
    z.object({
      period: z.string(),
      start: z.number().int().describe('customers in the customer stages at the period start'),
      churnedToStage: z.number().int().describe('customers who moved into a churn stage'),
      churnedInactive: z.number().int().describe('customers whose inactivity reached churnInactivityDays'),
      churned: z.number().int().describe('customers who churned either way (each once)'),
      churnRate: Rate,
    }),
  ),
});

export const GrowthAnswer = z.object({
  periods: z.array(
    z.object({
      period: z.string(),
      active: z.number().int(),
      new: z.number().int().describe('first active period ever'),
      returning: z.number().int().describe('active in this and the previous period'),
      resurrecting: z.number().int().describe('active now, not in the previous period, but before'),
      dormant: z.number().int().describe('active in the previous period, not in this one'),
    }),
  ),
});
