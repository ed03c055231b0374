import { nextPeriod, periodStart, type AnalyticsSettings } from '@lifecycle/journey';
import { valueMonths, type Db, type ValueFilter, type ValueMonth } from '@lifecycle/db';
import { mean } from 'simple-statistics';

/** Predicted CLV with the inputs it was computed from (shown next to it). */
export type PredictedClv = {
  months: ValueMonth[];
  /** Mean of the months' ARPU (months without customers left out); null when none had customers. */
  arpuPerMonth: number | null;
  /** Mean of the months' churn rates (months without customers at their start left out). */
  churnRate: number | null;
  margin: number;
  /** arpuPerMonth × margin ÷ churnRate; null ("not computable") when churn is 0 or unknown. */
  predictedClv: number | null;
};

/** The `count` whole months ending before the month holding `to` (an exclusive instant), oldest first. */
export function lastWholeMonths(to: string, count: number): string[] {
  const end = periodStart(new Date(Date.parse(to) - 1), 'month');
  const months: string[] = [];
  let start = end;
  for (let index = 0; index < count; index++) {
    const previous = new Date(`${start}T00:00:00.000Z`);
    previous.setUTCMonth(previous.getUTCMonth() - 1);
    start = previous.toISOString().slice(0, 10);
    months.unshift(start);
  }
  // A range ending on a month's last day counts that month too: it is whole.
  const endsOnMonthEnd = nextPeriod(end, 'month') === to.slice(0, 10);
  return endsOnMonthEnd ? [...months.slice(1), end] : months;
}

const meanOf = (values: (number | null)[]): number | null => {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0 ? null : mean(known);
};

/** Predicted CLV = average monthly ARPU × margin ÷ average monthly churn rate, over the given months. */
export async function predictedClv(db: Db, settings: AnalyticsSettings, months: string[], filter: ValueFilter): Promise<PredictedClv> {
  const rows = await valueMonths(db, settings, months, filter);
  const arpuPerMonth = meanOf(rows.map((row) => row.arpu));
  const churnRate = meanOf(rows.map((row) => row.churnRate));
  const predicted = arpuPerMonth === null || churnRate === null || churnRate === 0 ? null : (arpuPerMonth * settings.margin) / churnRate;
  return { months: rows, arpuPerMonth, churnRate, margin: settings.margin, predictedClv: predicted };
}
