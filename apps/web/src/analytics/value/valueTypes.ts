/** The answers of the value and acquisition routes (apps/api/src/analytics/valueSchemas.ts, spendSchemas.ts). */
export type Unconverted = { currency: string; amount: number; orders: number };

export type RevenueAnswer = {
  baseCurrency: string;
  periods: { period: string; revenue: number; orders: number; payingCustomers: number }[];
  totals: { revenue: number; orders: number; payingCustomers: number; customers: number; arpu: number | null };
  unconverted: Unconverted[];
};

export type ClvBy = 'cohort' | 'segment' | 'stage' | 'channel';
export type ClvBreakdown = { baseCurrency: string; by: ClvBy; groups: { group: string; customers: number; revenue: number; averageClv: number }[] };

export type ValueMonth = { month: string; startCustomers: number; churned: number; churnRate: number | null; revenue: number; customers: number; arpu: number | null };
export type PredictedClvAnswer = {
  baseCurrency: string;
  customerStages: string[];
  churnStages: string[];
  months: ValueMonth[];
  arpuPerMonth: number | null;
  churnRate: number | null;
  margin: number;
  predictedClv: number | null;
};

export type SpendRow = { month: string; channel: string; amount: number; currency: string; updatedAt: string };
export type SpendList = { baseCurrency: string; spend: SpendRow[] };

export type CacChannel = { channel: string; spend: number; customers: number; cac: number | null; arpuPerMonth: number | null; predictedClv: number | null; clvToCac: number | null; paybackMonths: number | null };
export type CacAnswer = { baseCurrency: string; margin: number; churnRate: number | null; months: string[]; channels: CacChannel[]; unconvertedSpend: { currency: string; amount: number }[] };
export type CacByMonthAnswer = { baseCurrency: string; rows: { month: string; channel: string; spend: number; customers: number; cac: number | null }[] };

export type CustomerValue = { baseCurrency: string; customerId: string; revenue: number; orders: number; firstPurchaseAt: string | null; lastPurchaseAt: string | null; unconverted: Unconverted[] };
