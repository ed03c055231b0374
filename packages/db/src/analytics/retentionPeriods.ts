import type { AnalyticsInterval } from '@lifecycle/journey';
import { sql, type SQL } from 'drizzle-orm';

/** What every retention figure is asked for: a range (ISO instants, `to` exclusive), a grain and the customer filters. */
export type RetentionRange = { from: string; to: string; interval: AnalyticsInterval; segmentId: string | null; channel: string | null };

/** The start date of the period holding the timestamp column, in SQL (same rule as periodStart in @lifecycle/journey). */
export function periodStartSql(column: SQL, interval: AnalyticsInterval): SQL {
  switch (interval) {
    case 'day':
      // SQLite's date(x) as text on both backends: one-argument date() is Postgres's cast to its date type.
      return sql`strftime('%Y-%m-%d', ${column})`;
    case 'week':
      // Back six days, then forward to the next Monday: the Monday on or before the date.
      return sql`date(${column}, '-6 days', 'weekday 1')`;
    case 'month':
      return sql`date(${column}, 'start of month')`;
    default: {
      const unknown: never = interval;
      throw new Error(`unknown interval ${String(unknown)}`);
    }
  }
}

/** The start date of the period after the period starting at the column, in SQL. */
export function nextPeriodSql(column: SQL, interval: AnalyticsInterval): SQL {
  switch (interval) {
    case 'day':
      return sql`date(${column}, '+1 day')`;
    case 'week':
      return sql`date(${column}, '+7 days')`;
    case 'month':
      return sql`date(${column}, '+1 month')`;
    default: {
      const unknown: never = interval;
      throw new Error(`unknown interval ${String(unknown)}`);
    }
  }
}

/** The previous period's start date, in SQL. */
export function previousPeriodSql(column: SQL, interval: AnalyticsInterval): SQL {
  switch (interval) {
    case 'day':
      return sql`date(${column}, '-1 day')`;
    case 'week':
      return sql`date(${column}, '-7 days')`;
    case 'month':
      return sql`date(${column}, '-1 month')`;
    default: {
      const unknown: never = interval;
      throw new Error(`unknown interval ${String(unknown)}`);
    }
  }
}
