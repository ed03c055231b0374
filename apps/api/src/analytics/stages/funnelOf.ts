import { refreshStageFunnel, stageChangesRecorded, stageFunnelPaths, type Db } from '@lifecycle/db';
import { resolveRange } from '../analyticsQuery';
import { funnelFromRollup, trackOf } from './funnelFromRollup';
import { funnelSteps, stepRate, weakestStep, type FunnelStep } from './stagesFunnel';
import { badQuery, knownStage, stageOrderOf } from './stageOrder';
import type { FunnelAnswer, FunnelQuery } from './stagesAnswers';

/** Up to this many recorded stage changes the funnel follows every path (exact medians); beyond, it reads the rollup. */
export const EXACT_FUNNEL_UP_TO = 20_000;

/** How the steps are counted: `auto` picks by the number of recorded stage changes. */
export type FunnelSource = 'auto' | 'paths' | 'rollup';

/** The funnel of the range and of the period of the same length before it, step by step, and its weakest step. */
export async function funnelOf(db: Db, query: FunnelQuery, source: FunnelSource = 'auto'): Promise<FunnelAnswer> {
  const order = await stageOrderOf(db);
  const range = resolveRange(query);
  const start = knownStage(order, 'start', query.start ?? order.stages[0]!);
  const ordinary = order.stages.filter((stage) => !order.churnStages.includes(stage));
  const end = knownStage(order, 'end', query.end ?? ordinary[ordinary.length - 1] ?? order.stages[order.stages.length - 1]!);
  const [first, last] = [order.stages.indexOf(start), order.stages.indexOf(end)];
  if (last <= first) throw badQuery('end', `\`${end}\` does not come after \`${start}\` in the stage order`);
  // Churn stages between the two ends are not steps forward.
  const steps = order.stages
    .slice(first, last + 1)
    .filter((stage, i, all) => i === 0 || i === all.length - 1 || !order.churnStages.includes(stage));
  const length = Date.parse(range.to) - Date.parse(range.from);
  const previousRange = { from: new Date(Date.parse(range.from) - length).toISOString(), to: range.from };
  const filter = { segmentId: range.segmentId, channel: range.channel };
  const usePaths = source === 'paths' || (source === 'auto' && (await stageChangesRecorded(db)) <= EXACT_FUNNEL_UP_TO);
  if (!usePaths) await refreshStageFunnel(db, { stages: order.stages, churnStages: order.churnStages });
  const track = trackOf(steps, order.churnStages);
  const read = async (window: { from: string; to: string }): Promise<FunnelStep[]> =>
    usePaths
      ? funnelSteps(steps, await stageFunnelPaths(db, { start, startIsFirstStage: first === 0, ...window, filter }))
      : await funnelFromRollup(db, steps, track, window, filter);
  const current = await read(range);
  const previous = await read(previousRange);
  return {
    range: { from: range.from, to: range.to },
    previousRange,
    steps: current.map((step, i) => {
      const rate = i === 0 ? null : stepRate(current, i);
      const previousRate = i === 0 ? null : stepRate(previous, i);
      return {
        stage: step.stage,
        customers: step.customers,
        rateFromPrevious: rate,
        rateFromStart: current[0]!.customers > 0 ? step.customers / current[0]!.customers : null,
        medianMsFromPrevious: step.medianMsFromPrevious === null ? null : Math.round(step.medianMsFromPrevious),
        previousCustomers: previous[i]!.customers,
        previousRateFromPrevious: previousRate,
        drop: rate === null || previousRate === null ? null : previousRate - rate,
      };
    }),
    weakestStep: weakestStep(current, previous),
  };
}
