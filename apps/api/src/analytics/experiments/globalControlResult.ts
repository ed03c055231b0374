import { globalControlAssignedCounts, globalControlTotals, type Db, type ExperimentsFilter } from '@lifecycle/db';
import type { AnalyticsSettings } from '@lifecycle/journey';
import { z } from 'zod';
import { compareMeans, compareProportions, twoSidedP, type Comparison } from './stats';

const ComparisonSchema = z
  .object({ difference: z.number(), low: z.number(), high: z.number(), z: z.number(), pValue: z.number() })
  .describe('treatment − control, its 95% interval, z statistic and two-sided p-value');

const Group = z.object({
  group: z.enum(['control', 'treatment']),
  customers: z.number().int().describe('assigned customers first seen before the range ends'),
  converted: z.number().int().describe('of them, customers with a revenue event in the range'),
  conversionRate: z.number().nullable(),
  revenue: z.number().describe('their revenue in the range (base currency)'),
  revenuePerCustomer: z.number().nullable(),
});

export const GlobalControlResult = z.object({
  configuredShare: z.number(),
  assigned: z.number().int().describe('customers assigned so far (all time)'),
  inControl: z.number().int(),
  actualShare: z.number().nullable().describe('inControl ÷ assigned'),
  shareCheckPValue: z.number().nullable().describe('one-sample z-test of the actual share against the configured one (a small value: the split is off)'),
  minCustomers: z.number().int(),
  enoughData: z.boolean(),
  note: z.string(),
  groups: z.array(Group),
  conversion: ComparisonSchema.nullable().describe('difference of conversion rates: 95% interval unpooled, p-value of the pooled two-proportion z-test'),
  revenuePerCustomer: ComparisonSchema.nullable().describe('difference of mean revenue per customer: Welch standard error, normal approximation'),
});
export type GlobalControlResult = z.infer<typeof GlobalControlResult>;

/** The whole program's incremental effect: control against treatment, with the held-out share checked against the setting. */
export async function globalControlResult(db: Db, settings: AnalyticsSettings, filter: ExperimentsFilter): Promise<GlobalControlResult> {
  const configuredShare = settings.globalControlShare;
  const { assigned, inControl } = await globalControlAssignedCounts(db);
  const actualShare = assigned > 0 ? inControl / assigned : null;
  const shareSe = assigned > 0 && configuredShare > 0 && configuredShare < 1 ? Math.sqrt((configuredShare * (1 - configuredShare)) / assigned) : 0;
  const shareCheckPValue = actualShare !== null && shareSe > 0 ? twoSidedP((actualShare - configuredShare) / shareSe) : null;

  const totals = await globalControlTotals(db, filter);
  const side = (control: boolean) => totals.find((row) => row.inControl === control) ?? { customers: 0, converted: 0, revenue: 0, revenueSquares: 0 };
  const control = side(true);
  const treatment = side(false);
  const groups = [
    { group: 'control' as const, ...control },
    { group: 'treatment' as const, ...treatment },
  ].map(({ group, customers, converted, revenue }) => ({
    group,
    customers,
    converted,
    conversionRate: customers > 0 ? converted / customers : null,
    revenue,
    revenuePerCustomer: customers > 0 ? revenue / customers : null,
  }));
  const minCustomers = settings.experimentMinEntries;
  const enoughData = control.customers >= minCustomers && treatment.customers >= minCustomers;
  const compare = (comparison: Comparison | null) => (enoughData ? comparison : null);
  const note =
    configuredShare <= 0 && assigned === 0
      ? 'no global control group: set a control share in the analytics settings'
      : enoughData
        ? 'treatment − control; a positive difference is what the lifecycle messages add'
        : `not enough data: each group needs ${minCustomers} customers (control ${control.customers}, treatment ${treatment.customers})`;
  return {
    configuredShare,
    assigned,
    inControl,
    actualShare,
    shareCheckPValue,
    minCustomers,
    enoughData,
    note,
    groups,
    conversion: compare(compareProportions({ n: control.customers, x: control.converted }, { n: treatment.customers, x: treatment.converted })),
    revenuePerCustomer: compare(
      compareMeans({ n: control.customers, sum: control.revenue, squares: control.revenueSquares }, { n: treatment.customers, sum: treatment.revenue, squares: treatment.revenueSquares }),
    ),
  };
}
