import { z } from 'zod';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month such as 2026-03');

/** One month's acquisition spend on a channel, as entered (the currency defaults to the base currency). */
export const SpendEntry = z.object({
  month: Month,
  channel: z.string().max(200).trim().min(1, 'a channel name is required'),
  amount: z.number({ error: 'a number such as 1250.50' }).finite().min(0, 'spend cannot be negative').max(1e12),
  currency: z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code such as USD').optional(),
});
export type SpendEntry = z.infer<typeof SpendEntry>;

export const SpendList = z.object({
  baseCurrency: z.string(),
  spend: z.array(z.object({ month: z.string(), channel: z.string(), amount: z.number(), currency: z.string(), updatedAt: z.string() })),
});

export const SpendKey = z.object({ month: Month, channel: z.string().min(1).max(200) });

export const SpendImported = z.object({ stored: z.number().int().describe('rows stored (an upload with any bad row stores none)') });

const Nullable = z.number().nullable();

export const CacAnswer = z.object({
  baseCurrency: z.string(),
  margin: z.number(),
  churnRate: Nullable.describe('monthly churn of all customers (in the segment filter), averaged over the months'),
  months: z.array(z.string()).describe('the months whose churn and ARPU are averaged'),
  channels: z.array(
    z.object({
      channel: z.string(),
      spend: z.number(),
      customers: z.number().int().describe('acquired (first seen) in the range months through this channel'),
      cac: Nullable,
      arpuPerMonth: Nullable,
      predictedClv: Nullable,
      clvToCac: Nullable,
      paybackMonths: Nullable,
    }),
  ),
  unconvertedSpend: z.array(z.object({ currency: z.string(), amount: z.number() })).describe('spend in currencies without a rate: not added'),
});
export type CacAnswer = z.infer<typeof CacAnswer>;

export const CacByMonthAnswer = z.object({
  baseCurrency: z.string(),
  rows: z.array(z.object({ month: z.string(), channel: z.string(), spend: z.number(), customers: z.number().int(), cac: Nullable })),
});
export type CacByMonthAnswer = z.infer<typeof CacByMonthAnswer>;
