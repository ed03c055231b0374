import { z } from 'zod';

const Money = z.number();
const Unconverted = z.array(z.object({ currency: z.string(), amount: Money, orders: z.number().int() })).describe('amounts in currencies without a rate in the settings: reported apart, never added');

export const RevenueAnswer = z.object({
  baseCurrency: z.string(),
  from: z.string(),
  to: z.string().describe('exclusive'),
  interval: z.enum(['day', 'week', 'month']),
  periods: z.array(z.object({ period: z.string(), revenue: Money, orders: z.number().int(), payingCustomers: z.number().int() })),
  totals: z.object({ revenue: Money, orders: z.number().int(), payingCustomers: z.number().int(), customers: z.number().int().describe('first seen before the range ends'), arpu: Money.nullable().describe('revenue ÷ customers') }),
  unconverted: Unconverted,
});
export type RevenueAnswer = z.infer<typeof RevenueAnswer>;

export const ClvBreakdown = z.object({
  baseCurrency: z.string(),
  by: z.enum(['cohort', 'segment', 'stage', 'channel']),
  groups: z.array(z.object({ group: z.string(), customers: z.number().int(), revenue: Money, averageClv: Money })),
});
export type ClvBreakdown = z.infer<typeof ClvBreakdown>;

export const ValueMonthAnswer = z.object({
  month: z.string(), startCustomers: z.number().int(), churned: z.number().int(), churnRate: z.number().nullable(), revenue: Money, customers: z.number().int(), arpu: Money.nullable(),
});

export const PredictedClvAnswer = z.object({
  baseCurrency: z.string(),
  customerStages: z.array(z.string()),
  churnStages: z.array(z.string()),
  months: z.array(ValueMonthAnswer),
  arpuPerMonth: Money.nullable(),
  churnRate: z.number().nullable(),
  margin: z.number(),
  predictedClv: Money.nullable().describe('null: not computable (no churn, or no customers)'),
});
export type PredictedClvAnswer = z.infer<typeof PredictedClvAnswer>;

export const TopCustomersAnswer = z.object({ customers: z.array(z.object({ customerId: z.string(), revenue: Money, orders: z.number().int(), lastPurchaseAt: z.string() })) });

export const CustomerValueAnswer = z.object({
  baseCurrency: z.string(),
  customerId: z.string(),
  revenue: Money.describe('revenue to date in the base currency (historical CLV)'),
  orders: z.number().int(),
  firstPurchaseAt: z.string().nullable(),
  lastPurchaseAt: z.string().nullable(),
  unconverted: Unconverted,
});
