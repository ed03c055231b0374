import { experimentArmCounts, experimentSplits, type Db, type ExperimentSplit, type ExperimentsFilter } from '@lifecycle/db';
import { z } from 'zod';
import { compareProportions } from './stats';

/** The test every arm is judged by, shown next to the table. */
export const ARM_TEST = 'two-proportion z-test (pooled), two-sided, 5% level; 95% interval of the difference by the normal approximation (unpooled)';

export const ArmResult = z.object({
  armId: z.string(),
  label: z.string().nullable(),
  control: z.boolean(),
  baseline: z.boolean().describe('the arm the others are compared with: the control, else the first arm'),
  entered: z.number().int(),
  converted: z.number().int(),
  rate: z.number().nullable().describe('converted ÷ entered'),
  difference: z.number().nullable().describe('rate − baseline rate (absolute, a share)'),
  differenceLow: z.number().nullable(),
  differenceHigh: z.number().nullable(),
  relativeLift: z.number().nullable().describe('difference ÷ baseline rate'),
  pValue: z.number().nullable(),
  significant: z.boolean(),
});
export type ArmResult = z.infer<typeof ArmResult>;

export const SplitResult = z.object({
  journeyId: z.string(),
  journeyName: z.string(),
  versionId: z.string(),
  nodeId: z.string(),
  label: z.string().nullable(),
  autoPromote: z.boolean(),
  promotedArm: z.string().nullable(),
  minEntries: z.number().int(),
  arms: z.array(ArmResult),
  winner: z.string().nullable(),
  verdict: z.string().describe('why a winner is named, or why not yet'),
});
export type SplitResult = z.infer<typeof SplitResult>;

/** Per arm of one split: counts, rate, the comparison with the baseline, and the winner when there is one. */
export async function splitResult(db: Db, split: ExperimentSplit, filter: ExperimentsFilter, minEntries: number): Promise<SplitResult> {
  const { node } = split;
  const counts = new Map((await experimentArmCounts(db, split.journeyId, node.id, filter)).map((count) => [count.armId, count]));
  const baselineArm = node.arms.find((arm) => arm.control === true) ?? node.arms[0];
  const baseline = counts.get(baselineArm?.id ?? '') ?? { entered: 0, converted: 0 };
  const arms = node.arms.map((arm): ArmResult => {
    const { entered, converted } = counts.get(arm.id) ?? { entered: 0, converted: 0 };
    const isBaseline = arm.id === baselineArm?.id;
    const comparison = isBaseline ? null : compareProportions({ n: baseline.entered, x: baseline.converted }, { n: entered, x: converted });
    const baseRate = baseline.entered > 0 ? baseline.converted / baseline.entered : null;
    return {
      armId: arm.id,
      label: arm.label ?? null,
      control: arm.control === true,
      baseline: isBaseline,
      entered,
      converted,
      rate: entered > 0 ? converted / entered : null,
      difference: comparison?.difference ?? null,
      differenceLow: comparison?.low ?? null,
      differenceHigh: comparison?.high ?? null,
      relativeLift: comparison && baseRate ? comparison.difference / baseRate : null,
      pValue: comparison?.pValue ?? null,
      significant: comparison !== null && comparison.pValue < 0.05,
    };
  });
  const { winner, verdict } = judge(arms, minEntries);
  return {
    journeyId: split.journeyId,
    journeyName: split.journeyName,
    versionId: split.versionId,
    nodeId: node.id,
    label: node.label ?? null,
    autoPromote: node.autoPromote === true,
    promotedArm: node.promotedArm ?? null,
    minEntries,
    arms,
    winner,
    verdict,
  };
}

/**
 * The winner: every arm has the minimum entries, and either the best arm beats the baseline significantly, or every
 * other arm is significantly worse than the baseline (the baseline wins).
 */
function judge(arms: ArmResult[], minEntries: number): { winner: string | null; verdict: string } {
  const short = arms.filter((arm) => arm.entered < minEntries);
  if (short.length > 0) return { winner: null, verdict: `not enough data: every arm needs ${minEntries} entries (${short.map((arm) => `${arm.armId}: ${arm.entered}`).join(', ')})` };
  const challengers = arms.filter((arm) => !arm.baseline);
  const better = challengers.filter((arm) => arm.significant && (arm.difference ?? 0) > 0).sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0));
  const best = better[0];
  if (best) return { winner: best.armId, verdict: `${best.armId} converts better than the baseline (p = ${formatP(best.pValue)})` };
  const baseline = arms.find((arm) => arm.baseline);
  if (baseline && challengers.length > 0 && challengers.every((arm) => arm.significant && (arm.difference ?? 0) < 0)) {
    return { winner: baseline.armId, verdict: `every other arm converts worse than ${baseline.armId} (largest p = ${formatP(Math.max(...challengers.map((arm) => arm.pValue ?? 1)))})` };
  }
  return { winner: null, verdict: 'no arm differs from the baseline at the 5% level yet' };
}

/** A p-value as the notes show it. */
export function formatP(p: number | null): string {
  if (p === null) return '–';
  return p < 0.0001 ? '< 0.0001' : p.toFixed(4);
}

/** Every split of every journey's latest version. */
export async function allSplitResults(db: Db, filter: ExperimentsFilter, minEntries: number): Promise<SplitResult[]> {
  const results: SplitResult[] = [];
  for (const split of await experimentSplits(db)) results.push(await splitResult(db, split, filter, minEntries));
  return results;
}
