import { changeStage, currentStays, finishedStays, type StageFilter } from '@lifecycle/db';
import { describe, expect, it } from 'vitest';
import { staySummaries } from './timeInStageOf';
import { seededRandom } from '../../../../../scripts/demoData/random';
import { openTestDatabase } from '@lifecycle/db/testing';

const DAY = 86_400_000;
const STAGES = ['visitor', 'lead', 'trial', 'customer', 'churned'];


/** 1,000 customers moving through the stages over 120 days, with stays from minutes to months; two channels, one segment. */
async function randomHistory() {
  const db = openTestDatabase(':memory:');
  const random = seededRandom(7);
  await db.transaction(async () => {
    for (let i = 0; i < 1000; i += 1) {
      const id = `c${i}`;
      await db.prepare('INSERT INTO customers (id) VALUES (?)').run(id);
      await db.prepare('INSERT INTO customer_facts (customer_id, first_seen_at, channel) VALUES (?, ?, ?)').run(id, '2026-01-01T00:00:00.000Z', random() < 0.5 ? 'ads' : 'news');
      if (random() < 0.3) await db.prepare(`INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES ('seg', ?, '2026-01-01')`).run(id);
      let time = Date.UTC(2026, 0, 1) + random() * 30 * DAY;
      for (let n = 0; n < 1 + Math.floor(random() * 5); n += 1) {
        await changeStage(db, { customerId: id, to: STAGES[(n + Math.floor(random() * 2)) % STAGES.length]!, cause: 'test', at: new Date(time).toISOString() });
        // Stays from a few minutes to weeks: exponential with a mean of 8 days.
        time += -Math.log(1 - random()) * 8 * DAY;
      }
    }
  });
  return db;
}

function sortedByStage(stays: [string, number][]): Map<string, number[]> {
  const byStage = new Map<string, number[]>();
  for (const [stage, ms] of stays) byStage.set(stage, [...(byStage.get(stage) ?? []), Math.max(0, ms)]);
  for (const list of byStage.values()) list.sort((a, b) => a - b);
  return byStage;
}

/** The two exact values a quantile interpolates between (rank q·(n − 1)). */
function bracket(sorted: number[], q: number): [number, number] {
  const rank = q * (sorted.length - 1);
  return [sorted[Math.floor(rank)]!, sorted[Math.ceil(rank)]!];
}

describe('time in stage from the stay histograms', () => {
  it('agrees with the exact figures: same counts, quantiles of finished stays within 5%, of current stays within a day', async () => {
    const db = await randomHistory();
    const range = { from: '2026-02-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };
    const filters: StageFilter[] = [
      { segmentId: null, channel: null },
      { segmentId: 'seg', channel: null },
      { segmentId: null, channel: 'ads' },
      { segmentId: 'seg', channel: 'ads' },
    ];
    let compared = 0;
    for (const filter of filters) {
      for (const asOf of [range.to, '2026-03-15T00:00:00.000Z']) {
        const exact = await staySummaries(db, filter, range, asOf, Number.POSITIVE_INFINITY);
        const approx = await staySummaries(db, filter, range, asOf, 0);
        expect([...approx.finished.keys()].sort()).toEqual([...exact.finished.keys()].sort());
        expect([...approx.current.keys()].sort()).toEqual([...exact.current.keys()].sort());
        const finished = sortedByStage((await finishedStays(db, filter, range)).map((stay) => [stay.stage, Date.parse(stay.leftAt) - Date.parse(stay.at)]));
        const current = sortedByStage((await currentStays(db, filter, asOf)).map((stay) => [stay.stage, Date.parse(asOf) - Date.parse(stay.at)]));
        for (const [stage, want] of exact.finished) {
          const got = approx.finished.get(stage)!;
          expect(got.count).toBe(want.count);
          if (want.count < 30) continue;
          // Within the 5% bucket around the exact values the quantile lies between.
          for (const q of [0.5, 0.9] as const) {
            const [below, above] = bracket(finished.get(stage)!, q);
            const value = q === 0.5 ? got.medianMs! : got.p90Ms!;
            expect(value).toBeGreaterThanOrEqual(below / 1.05 - 60_000);
            expect(value).toBeLessThanOrEqual(above * 1.05 + 60_000);
          }
          compared += 1;
        }
        for (const [stage, want] of exact.current) {
          const got = approx.current.get(stage)!;
          expect(got.count).toBe(want.count);
          if (want.count < 30) continue;
          // Within a day (the start's resolution) of the exact values the quantile lies between.
          for (const q of [0.5, 0.9] as const) {
            const [below, above] = bracket(current.get(stage)!, q);
            const value = q === 0.5 ? got.medianMs! : got.p90Ms!;
            expect(value).toBeGreaterThanOrEqual(below - DAY);
            expect(value).toBeLessThanOrEqual(above + DAY);
          }
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(40);
    await db.close();
  }, 300_000);
});
