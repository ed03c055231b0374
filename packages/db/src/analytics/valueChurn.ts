import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { stageMovesByDay } from './stagesQueries';
import { customersSeenBefore, revenueAndOrdersBetween, type ValueFilter } from './valueQueries';
import { scopeOf } from './valueScopes';

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

/** Which stages count as being a customer, and which as churned (the analytics settings). */
export type ChurnStages = { customerStages: readonly string[]; churnStages: readonly string[] };

/** The separator of `customer_stage_months.entered` (migration 0040). */
const ENTERED_SEPARATOR = '\u001f';

/**
 * Customers in one of `stages` at each month's start (`YYYY-MM-01`, ascending): moves into them before it minus moves
 * out of them (every move records the stage it left), summed from the daily stage-move rollups of the filter's scope.
 */
export async function customersInStagesAtMonths(db: Db, stages: readonly string[], months: readonly string[], filter: ValueFilter): Promise<number[]> {
  const last = months.at(-1);
  if (last === undefined) return [];
  const counted = new Set(stages);
  const moves = await stageMovesByDay(db, filter, { from: null, to: `${last}T00:00:00.000Z` });
  return months.map((month) =>
    moves.reduce((members, row) => (row.day >= month ? members : members + (counted.has(row.toStage) ? row.moves : 0) - (counted.has(row.fromStage) ? row.moves : 0)), 0),
  );
}

/**
 * Per month (`YYYY-MM-01`): customers in a customer stage at its start who moved into a churn stage during it. Read
 * from the per-scope customer-month counts (migration 0040): each holds the start stage and the stages entered.
 */
export async function churnedInMonths(db: Db, stages: ChurnStages, months: readonly string[], filter: ValueFilter): Promise<number[]> {
  const keys = months.map((month) => month.slice(0, 7));
  if (keys.length === 0) return [];
  const rows = await db.rows<{ month: string; startStage: string; entered: string; customers: number }>(sql`
    SELECT month, start_stage AS startStage, entered, customers FROM value_churn_scopes
    WHERE ${scopeOf(filter)} AND month IN (${sql.join(keys.map((key) => sql`${key}`), sql`, `)}) AND customers <> 0`);
  const customerStages = new Set(stages.customerStages);
  const churnStages = new Set(stages.churnStages);
  const churned = new Map<string, number>();
  for (const row of rows) {
    if (!customerStages.has(row.startStage) || !row.entered.split(ENTERED_SEPARATOR).some((stage) => churnStages.has(stage))) continue;
    churned.set(row.month, (churned.get(row.month) ?? 0) + row.customers);
  }
  return keys.map((key) => churned.get(key) ?? 0);
}

/** Churn and ARPU of each month (`YYYY-MM-01` starts; each month ends where the next begins), all from rollups. */
export async function valueMonths(db: Db, stages: ChurnStages, months: readonly string[], filter: ValueFilter): Promise<ValueMonth[]> {
  const starts = await customersInStagesAtMonths(db, stages.customerStages, months, filter);
  const churnedCounts = await churnedInMonths(db, stages, months, filter);
  const values: ValueMonth[] = [];
  for (const [index, month] of months.entries()) {
    const next = new Date(`${month}T00:00:00.000Z`);
    next.setUTCMonth(next.getUTCMonth() + 1);
    const end = next.toISOString();
    const startCustomers = starts[index] ?? 0;
    const churned = startCustomers === 0 ? 0 : (churnedCounts[index] ?? 0);
    const revenue = (await revenueAndOrdersBetween(db, month, end.slice(0, 10), filter)).revenue;
    const customers = await customersSeenBefore(db, end, filter);
    values.push({ month, startCustomers, churned, churnRate: startCustomers === 0 ? null : churned / startCustomers, revenue, customers, arpu: customers === 0 ? null : revenue / customers });
  }
  return values;
}
