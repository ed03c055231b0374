import { z } from 'zod';

const EventName = z.string().min(1).max(200);
const StageName = z.string().min(1).max(64).regex(/^[a-z0-9_]+$/, 'lowercase letters, digits and _ only');
const Currency = z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code such as USD');

/**
 * What the analytics count, one row per workspace. Every figure the Analytics area shows reads its inputs from
 * here, so a business can say which events mean "active", which stages mean "a customer", where revenue is.
 */
export const AnalyticsSettings = z.object({
  /** Events that make a customer "active" in a period (retention, growth lens). Empty: any event they send. */
  activityEvents: z.array(EventName).max(50).default([]),
  /** Stages whose members count as customers (CRR's S, E and N). */
  customerStages: z.array(StageName).max(30).default(['retention', 'advocacy', 'at_risk']),
  /** Stages that mean churned: moving into one is a churn. */
  churnStages: z.array(StageName).max(30).default(['churned']),
  /** Also churned: a customer with no activity for this many days (absent: only the churn stages count). */
  churnInactivityDays: z.number().int().positive().max(3650).nullable().default(null),
  revenue: z
    .object({
      /** Track events that carry revenue. */
      events: z.array(EventName).min(1).max(20).default(['purchase', 'Order Completed']),
      /** Properties read in order; the first that holds a number is the amount. */
      properties: z.array(z.string().min(1).max(100)).min(1).max(10).default(['revenue', 'total']),
      /** The property naming the amount's currency (absent on the event: the base currency). */
      currencyProperty: z.string().min(1).max(100).default('currency'),
      baseCurrency: Currency.default('USD'),
      /** Base-currency value of one unit of another currency; an amount in a currency not listed is not counted (and is reported). */
      rates: z.record(Currency, z.number().positive()).default({}),
    })
    .prefault({}),
  /** Share of revenue kept (predicted CLV = ARPU per month × margin ÷ monthly churn). */
  margin: z.number().positive().max(1).default(1),
  /** The trait that names a customer's acquisition channel; the first value seen is kept (first touch). */
  channelTrait: z.string().min(1).max(100).default('utm_source'),
  /** Share of customers (0–0.5) held out of every lifecycle message, to measure the whole program's lift. */
  globalControlShare: z.number().min(0).max(0.5).default(0),
  /** Entries each experiment arm needs before a winner may be named. */
  experimentMinEntries: z.number().int().min(1).max(1_000_000).default(100),
});
export type AnalyticsSettings = z.infer<typeof AnalyticsSettings>;

/** The settings of a workspace that never saved any. */
export const DEFAULT_ANALYTICS_SETTINGS: AnalyticsSettings = AnalyticsSettings.parse({});
