import { openDatabase, healthAverageBy, healthBandsNow, healthBandsOverTime, healthTransitions } from '@lifecycle/db';

// `node --import tsx bench/analytics/healthRouteTimes.ts FILE [reps] [figure]`: the health figures' query functions on a file
// (e.g. a small build multiplied to 1M customers), unfiltered and filtered, p50 and slowest of `reps` runs each.
const [file, repsArg, only] = process.argv.slice(2);
if (!file) throw new Error('usage: healthRouteTimes.ts FILE [reps]');
const reps = Number(repsArg ?? 5);
const db = openDatabase(file);
const segmentId = (await db.prepare('SELECT segment_id FROM segment_memberships GROUP BY 1 ORDER BY count(*) DESC LIMIT 1').pluck().get()) as string;
const channel = (await db.prepare('SELECT channel FROM customer_facts WHERE channel IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1').pluck().get()) as string;
const counts = await db.prepare(`SELECT (SELECT count(*) FROM customer_health) AS health, (SELECT count(*) FROM health_history) AS history, (SELECT count(*) FROM segment_memberships WHERE segment_id = ?) AS members`).get(segmentId);
console.log(file, counts, { segmentId, channel });
const now = new Date();
const range = { from: new Date(now.getTime() - 180 * 86_400_000).toISOString().slice(0, 10), to: new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10), interval: 'week' as const };
const filters = { none: { segmentId: null, channel: null }, segment: { segmentId, channel: null }, channel: { segmentId: null, channel }, both: { segmentId, channel } };
const figures: Record<string, (filter: { segmentId: string | null; channel: string | null }) => Promise<unknown>> = {
  'bands (now + over time)': async (filter) => [await healthBandsNow(db, filter), await healthBandsOverTime(db, { ...range, ...filter }, now)],
  transitions: async (filter) => await healthTransitions(db, { ...range, ...filter }),
  'average by stage': async (filter) => await healthAverageBy(db, 'stage', filter),
  'average by channel': async (filter) => await healthAverageBy(db, 'channel', filter),
  'average by segment': async (filter) => await healthAverageBy(db, 'segment', filter),
};
for (const [name, figure] of Object.entries(figures).filter(([name]) => only === undefined || name.includes(only))) {
  for (const [filterName, filter] of Object.entries(filters)) {
    const times: number[] = [];
    for (let r = 0; r < reps; r++) {
      const began = performance.now();
      await figure(filter);
      times.push(performance.now() - began);
    }
    times.sort((a, b) => a - b);
    console.log(`${name.padEnd(24)} ${filterName.padEnd(8)} p50 ${times[Math.floor(times.length / 2)]!.toFixed(0).padStart(6)} ms  max ${times.at(-1)!.toFixed(0).padStart(6)} ms`);
  }
}
