/** The retention answers of the API (/api/analytics/retention/*), as the web app reads them. */
export type Cell = { offset: number; active: number; rate: number | null };
export type CohortAnswer = {
  cohortBy: 'first_seen' | 'event';
  event: string | null;
  interval: 'day' | 'week' | 'month';
  cohorts: { cohort: string; customers: number; cells: Cell[] }[];
  average: (Cell & { customers: number })[];
};
export type CohortEventsAnswer = { events: { event: string; customers: number }[] };
export type CrrPeriod = { period: string; start: number; end: number; new: number; retained: number; crr: number | null };
export type ChurnPeriod = { period: string; start: number; churnedToStage: number; churnedInactive: number; churned: number; churnRate: number | null };
export type ChurnAnswer = { churnStages: string[]; churnInactivityDays: number | null; periods: ChurnPeriod[] };
export type GrowthPeriod = { period: string; active: number; new: number; returning: number; resurrecting: number; dormant: number };
