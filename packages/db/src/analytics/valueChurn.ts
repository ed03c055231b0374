import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { customerFilter } from './customerFacts';
import { customersSeenBefore, revenueAndOrdersBetween, type ValueFilter } from './valueQueries';

/** One month's inputs of predicted CLV. */
export type ValueMonth = {
  /** `YYYY-MM-01`. */
  month: string;
  /** Customers in a customer stage at the month's start. */
  startCustomers: number;
  /** Of those, how many moved into a churn stage during the month. */
  churned: number;
  /** churned ÷ startCustomers, or null when nobody was a customer at the start. */
  churnRate: number | null;
  /** Base-currency revenue of the month. */
  revenue: number;
  /** Customers first seen before the month's end. */
  customers: number;
  /** revenue ÷ customers, or null without customers. */
  arpu: number | null;
};

const inList = (values: readonly string[]): SQL => (values.length === 0 ? sql`(NULL)` : sql`(${sql.join(values.map((value) => sql`${value}`), sql`, `)})`);

/**
 * Customers in one of `stages` at `at`: stage changes into them before `at` minus changes out of them (every change
 * records the stage it left, so the difference is the members at that instant). Two index range counts.
 */
export function customersInStagesAt(db: Db, stages: readonly string[], at: string, filter: ValueFilter): number {
  const [row] = db.all<{ members: number }>(sql`
    SELECT (SELECT count(*) FROM stage_history h WHERE h.to_stage IN ${inList(stages)} AND h.at < ${at} AND ${customerFilter(sql`h.customer_id`, filter)})
         - (SELECT count(*) FROM stage_history h WHERE h.from_stage IN ${inList(stages)} AND h.at < ${at} AND ${customerFilter(sql`h.customer_id`, filter)}) AS members`);
  return row?.members ?? 0;
}

/** Customers in one of `customerStages` at `start` who moved into one of `churnStages` before `end`. */
export function churnedDuring(db: Db, stages: { customerStages: readonly string[]; churnStages: readonly string[] }, start: string, end: string, filter: ValueFilter): number {
  const [row] = db.all<{ churned: number }>(sql`
    SELECT count(DISTINCT h.customer_id) AS churned FROM stage_history h
    WHERE h.to_stage IN ${inList(stages.churnStages)} AND h.at >= ${start} AND h.at < ${end} AND ${customerFilter(sql`h.customer_id`, filter)}
      AND (SELECT p.to_stage FROM stage_history p WHERE p.customer_id = h.customer_id AND p.at < ${start} ORDER BY p.at DESC, p.id DESC LIMIT 1) IN ${inList(stages.customerStages)}`);
  return row?.churned ?? 0;
}

/** Base-currency revenue between two days (`YYYY-MM-DD`, end exclusive), in the filter. */
export function revenueBetween(db: Db, fromDay: string, toDay: string, filter: ValueFilter): number {
  return revenueAndOrdersBetween(db, fromDay, toDay, filter).revenue;
}

/** Churn and ARPU of each month (`YYYY-MM-01` starts; each month ends where the next begins). */
export function valueMonths(db: Db, stages: { customerStages: readonly string[]; churnStages: readonly string[] }, months: readonly string[], filter: ValueFilter): ValueMonth[] {
  return months.map((month) => {
    const next = new Date(`${month}T00:00:00.000Z`);
    next.setUTCMonth(next.getUTCMonth() + 1);
    const start = `${month}T00:00:00.000Z`;
    const end = next.toISOString();
    const startCustomers = customersInStagesAt(db, stages.customerStages, start, filter);
    const churned = startCustomers === 0 ? 0 : churnedDuring(db, stages, start, end, filter);
    const revenue = revenueBetween(db, month, end.slice(0, 10), filter);
    const customers = customersSeenBefore(db, end, filter);
    return { month, startCustomers, churned, churnRate: startCustomers === 0 ? null : churned / startCustomers, revenue, customers, arpu: customers === 0 ? null : revenue / customers };
  });
}
