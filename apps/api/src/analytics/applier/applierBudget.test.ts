import { describe, expect, it } from 'vitest';
import { applierBudget } from './applierBudget';

describe('the analytics applier budget', () => {
  it('lets the applier run slices back to back while the process is not ingesting', () => {
    const budget = applierBudget({ busyShare: 0.05 });
    expect(budget.allowance(0)).toBe(50);
    budget.spent(50, 50);
    expect(budget.allowance(50)).toBe(50);
  });

  it('gives it at most its share of the time while the process ingests, however long the chunks it runs', () => {
    const budget = applierBudget({ busyShare: 0.05 });
    budget.allowance(0);
    let worked = 0;
    // Ten seconds of ingest, the applier asking every 100 ms and each chunk taking 30 ms.
    for (let now = 0; now <= 10_000; now += 100) {
      budget.ingested(now);
      if (budget.allowance(now) > 0) {
        budget.spent(30, now + 30);
        worked += 30;
      }
    }
    expect(worked).toBeGreaterThan(0.04 * 10_000);
    expect(worked).toBeLessThanOrEqual(0.05 * 10_000 + 30);
  });

  it('takes half the time instead of its share while the oldest event waiting is over a minute old, so a saturated API never falls behind for good', () => {
    const budget = applierBudget({ busyShare: 0.05, maxLagMs: 60_000 });
    budget.allowance(0);
    const workedOver = (from: number, lagMs: number) => {
      let worked = 0;
      // Asked every 100 ms; runs 30 ms chunks while it has an allowance, as the applier does.
      for (let tick = from; tick < from + 10_000; tick += 100) {
        budget.ingested(tick);
        for (let now = tick; now < tick + 100 && budget.allowance(now, 0, lagMs) > 0; now += 30) {
          budget.spent(30, now + 30);
          worked += 30;
        }
      }
      return worked;
    };
    expect(workedOver(0, 59_000)).toBeLessThanOrEqual(0.05 * 10_000 + 30);
    const behind = workedOver(10_000, 61_000);
    expect(behind).toBeGreaterThan(0.4 * 10_000);
    expect(behind).toBeLessThanOrEqual(0.5 * 10_000 + 60);
  });

  it('goes back to full speed a second after the last ingest, and saves no more than 50 ms of credit', () => {
    const budget = applierBudget({ busyShare: 0.05 });
    budget.allowance(0);
    budget.ingested(0);
    expect(budget.allowance(999)).toBeCloseTo(49.95);
    budget.spent(49.95, 999);
    expect(budget.allowance(1_000)).toBe(50);
    budget.ingested(1_000);
    expect(budget.allowance(60_000)).toBeGreaterThanOrEqual(50); // idle again
    budget.ingested(60_000);
    expect(budget.allowance(60_000)).toBe(50); // credit earned over the idle minute is capped
  });

  it('fills most of the idle time of a process that ingests only a trickle, so it keeps up', () => {
    const budget = applierBudget({ busyShare: 0.05 });
    budget.allowance(0);
    let worked = 0;
    let idle = 0;
    // Ten seconds with a small batch every 100 ms (10 ms of ingest); the rest of each tick the loop waits, minus what the applier took.
    for (let now = 100; now <= 10_000; now += 100) {
      budget.ingested(now - 90);
      const allowance = budget.allowance(now, idle);
      const work = Math.min(allowance, 40);
      if (work > 0) budget.spent(work, now + work);
      worked += work;
      idle = 100 - 10 - work;
    }
    expect(budget.busy(10_000)).toBe(true);
    expect(worked).toBeGreaterThan(0.3 * 10_000);
  });
});
