import { errorFunction } from 'simple-statistics';

/**
 * The two-sided 95% normal quantile, as printed in every table. simple-statistics' `probit(0.975)` answers 1.9572 (its
 * inverse error function is a rough approximation), which would move interval bounds in the fourth decimal.
 */
export const Z95 = 1.959963984540054;

/**
 * Standard normal CDF from simple-statistics' `errorFunction` (accurate to ~1e-7). Its `cumulativeStdNormalProbability`
 * reads a printed table (z rounded to 0.01, capped at 3.09), which turns p = 0.0496 into 0.05: too coarse for a verdict.
 */
function normalCdf(z: number): number {
  return 0.5 * (1 + errorFunction(z / Math.SQRT2));
}

/** Two-sided p-value of a standard normal statistic. */
export function twoSidedP(z: number): number {
  return Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
}

/** A difference (treatment − baseline) with its 95% interval, z statistic and two-sided p-value. */
export type Comparison = { difference: number; low: number; high: number; z: number; pValue: number };

/**
 * Two proportions x1/n1 (baseline) and x2/n2: the interval uses the unpooled standard error (Wald), the p-value the
 * pooled two-proportion z-test. Null when a side is empty or nobody/everybody converted (no variance to test).
 */
export function compareProportions(baseline: { n: number; x: number }, treatment: { n: number; x: number }): Comparison | null {
  if (baseline.n === 0 || treatment.n === 0) return null;
  const p1 = baseline.x / baseline.n;
  const p2 = treatment.x / treatment.n;
  const pooled = (baseline.x + treatment.x) / (baseline.n + treatment.n);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / baseline.n + 1 / treatment.n));
  if (pooledSe === 0) return null;
  const se = Math.sqrt((p1 * (1 - p1)) / baseline.n + (p2 * (1 - p2)) / treatment.n);
  const difference = p2 - p1;
  const z = difference / pooledSe;
  return { difference, low: difference - Z95 * se, high: difference + Z95 * se, z, pValue: twoSidedP(z) };
}

/** Per-customer values summarised by count, sum and sum of squares. */
export type Moments = { n: number; sum: number; squares: number };

/** Two means (treatment − baseline) by Welch's standard error and a normal approximation; null without variance. */
export function compareMeans(baseline: Moments, treatment: Moments): Comparison | null {
  if (baseline.n < 2 || treatment.n < 2) return null;
  const variance = (m: Moments) => Math.max(0, (m.squares - (m.sum * m.sum) / m.n) / (m.n - 1));
  const se = Math.sqrt(variance(baseline) / baseline.n + variance(treatment) / treatment.n);
  if (se === 0) return null;
  const difference = treatment.sum / treatment.n - baseline.sum / baseline.n;
  const z = difference / se;
  return { difference, low: difference - Z95 * se, high: difference + Z95 * se, z, pValue: twoSidedP(z) };
}
