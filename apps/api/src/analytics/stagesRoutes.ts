import { firstSeenBetween, stageCountsNow, stageMovesByDay } from '@lifecycle/db';
import { nextPeriod, periodsBetween } from '@lifecycle/journey';
import type { Route } from '../routes/route';
import { AnalyticsQuery, resolveRange } from './analyticsQuery';
import { analyticsRoutes } from './analyticsRoute';
import { funnelOf } from './stages/funnelOf';
import { moveKind, stageOrderOf, withSeenStages } from './stages/stageOrder';
import { CurrentStages, FunnelAnswer, FunnelQuery, StageTransitions, StagesOverTime, TimeInStage } from './stages/stagesAnswers';
import { stagesOverTime } from './stages/stagesOverTime';
import { staySummaries } from './stages/timeInStageOf';

const base = '/api/analytics/stages';
const minDay = (day: string, end: string) => (day < end.slice(0, 10) ? day : end.slice(0, 10));
const fmt = (value: number | null) => (value === null ? null : Math.round(value));
const EMPTY = { count: 0, medianMs: null, p90Ms: null };

/** The stages figures of the Analytics area (JSON and CSV). */
export const stagesAnalyticsRoutes: Route[] = [
  ...analyticsRoutes({
    path: `${base}/current`,
    summary: 'Customers per stage now',
    query: AnalyticsQuery,
    schema: CurrentStages,
    compute: async (c, query) => {
      const db = c.var.deps.db;
      const order = await stageOrderOf(db);
      const range = resolveRange(query);
      const counts = await stageCountsNow(db, range, order.stages[0]!);
      const total = counts.reduce((sum, row) => sum + row.customers, 0);
      const byStage = new Map(counts.map((row) => [row.stage, row.customers]));
      const stages = withSeenStages(order, byStage.keys()).map((stage) => ({
        stage,
        customers: byStage.get(stage) ?? 0,
        share: total > 0 ? (byStage.get(stage) ?? 0) / total : 0,
      }));
      return { total, stages };
    },
    csv: (result) => ({
      columns: ['stage', 'customers', 'share'],
      rows: result.stages.map((row) => [row.stage, row.customers, row.share]),
    }),
  }),
  ...analyticsRoutes({
    path: `${base}/over-time`,
    summary: 'Customers per stage at the end of each period',
    query: AnalyticsQuery,
    schema: StagesOverTime,
    compute: async (c, query) => {
      const db = c.var.deps.db;
      const order = await stageOrderOf(db);
      const range = resolveRange(query);
      const moves = await stageMovesByDay(db, range, { from: null, to: range.to });
      const stages = withSeenStages(
        order,
        moves.flatMap((move) => [move.fromStage, move.toStage]),
      );
      // Customers first seen before each period's end: counted per period, each count dated at the period's start.
      const ends = periodsBetween(range.from, range.to, range.interval).map((period) =>
        minDay(nextPeriod(period, range.interval), range.to),
      );
      const counts = await firstSeenBetween(db, range, ends);
      const firstSeen = ends.map((_, i) => ({ day: i === 0 ? '' : ends[i - 1]!, customers: counts[i]! }));
      const periods = stagesOverTime({
        moves,
        firstSeen,
        firstStage: order.stages[0]!,
        stages,
        from: range.from,
        to: range.to,
        interval: range.interval,
      });
      return { interval: range.interval, stages, periods };
    },
    csv: (result) => ({
      columns: ['period', ...result.stages],
      rows: result.periods.map((row) => [row.period, ...result.stages.map((stage) => row.counts[stage] ?? 0)]),
    }),
  }),
  ...analyticsRoutes({
    path: `${base}/funnel`,
    summary: 'Stage funnel, with the weakest step against the previous period',
    query: FunnelQuery,
    schema: FunnelAnswer,
    compute: async (c, query) => await funnelOf(c.var.deps.db, query),
    csv: (result) => ({
      columns: [
        'stage',
        'customers',
        'rate_from_previous',
        'rate_from_start',
        'median_ms_from_previous',
        'previous_customers',
        'previous_rate_from_previous',
        'drop',
      ],
      rows: result.steps.map((step) => [
        step.stage,
        step.customers,
        step.rateFromPrevious,
        step.rateFromStart,
        step.medianMsFromPrevious,
        step.previousCustomers,
        step.previousRateFromPrevious,
        step.drop,
      ]),
    }),
  }),
  ...analyticsRoutes({
    path: `${base}/transitions`,
    summary: 'Stage transitions in the range (from → to)',
    query: AnalyticsQuery,
    schema: StageTransitions,
    compute: async (c, query) => {
      const db = c.var.deps.db;
      const order = await stageOrderOf(db);
      const range = resolveRange(query);
      const totals = new Map<string, number>();
      for (const move of await stageMovesByDay(db, range, range)) {
        const key = `${move.fromStage}\u0000${move.toStage}`;
        totals.set(key, (totals.get(key) ?? 0) + move.moves);
      }
      const outOf = new Map<string, number>();
      for (const [key, moves] of totals) outOf.set(key.split('\u0000')[0]!, (outOf.get(key.split('\u0000')[0]!) ?? 0) + moves);
      const transitions = [...totals].map(([key, moves]) => {
        const [from, to] = key.split('\u0000') as [string, string];
        return { from: from === '' ? null : from, to, kind: moveKind(order, from, to), moves, shareOfFrom: moves / outOf.get(from)! };
      });
      transitions.sort((a, b) => b.moves - a.moves || (a.from ?? '').localeCompare(b.from ?? '') || a.to.localeCompare(b.to));
      return { transitions };
    },
    csv: (result) => ({
      columns: ['from', 'to', 'kind', 'moves', 'share_of_from'],
      rows: result.transitions.map((row) => [row.from, row.to, row.kind, row.moves, row.shareOfFrom]),
    }),
  }),
  ...analyticsRoutes({
    path: `${base}/time-in-stage`,
    summary: 'Time in stage: finished stays and current ones',
    query: AnalyticsQuery,
    schema: TimeInStage,
    compute: async (c, query) => {
      const db = c.var.deps.db;
      const order = await stageOrderOf(db);
      const range = resolveRange(query);
      // Current stays are measured at the end of the range, or now when the range reaches today.
      const asOf = new Date(Math.min(Date.now(), Date.parse(range.to))).toISOString();
      const { finished, current } = await staySummaries(db, { segmentId: range.segmentId, channel: range.channel }, range, asOf);
      const stages = withSeenStages(order, [...finished.keys(), ...current.keys()]).map((stage) => {
        const done = finished.get(stage) ?? EMPTY;
        const now = current.get(stage) ?? EMPTY;
        return {
          stage,
          finished: { ...done, medianMs: fmt(done.medianMs), p90Ms: fmt(done.p90Ms) },
          current: { ...now, medianMs: fmt(now.medianMs), p90Ms: fmt(now.p90Ms) },
        };
      });
      return { asOf, stages };
    },
    csv: (result) => ({
      columns: ['stage', 'finished_stays', 'finished_median_ms', 'finished_p90_ms', 'current_stays', 'current_median_ms', 'current_p90_ms'],
      rows: result.stages.map((row) => [
        row.stage,
        row.finished.count,
        row.finished.medianMs,
        row.finished.p90Ms,
        row.current.count,
        row.current.medianMs,
        row.current.p90Ms,
      ]),
    }),
  }),
];
