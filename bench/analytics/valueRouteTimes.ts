import { cpus, loadavg } from 'node:os';

// `node --import tsx bench/analytics/valueRouteTimes.ts FILE [reps] [figure]`: the value figures' query functions (what
// GET /api/analytics/value/clv and /value/top-customers compute) on a file, e.g. a small build multiplied to 1M
// customers, unfiltered, by segment, by channel and by both; p50 and p95 of `reps` runs each. BENCH_DB_SRC points at
// another checkout's packages/db/src/index.ts to time the code before a change on the same file.
const [file, repsArg, only] = process.argv.slice(2);
if (!file) throw new Error('usage: valueRouteTimes.ts FILE [reps] [figure]');
const reps = Number(repsArg ?? 20);
const dbModule = (await import(process.env.BENCH_DB_SRC ?? '../../packages/db/src/index')) as typeof import('../../packages/db/src/index');
const { openDatabase, clvByChannel, clvByCohort, clvBySegment, clvByStage, topCustomersByClv } = dbModule;
const db = openDatabase(file);
const segmentId = (await db.prepare('SELECT segment_id FROM segment_memberships GROUP BY 1 ORDER BY count(*) DESC LIMIT 1').pluck().get()) as string;
const channel = (await db.prepare('SELECT channel FROM customer_facts WHERE channel IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1').pluck().get()) as string;
const counts = await db.prepare('SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM customer_value) AS payers, (SELECT count(*) FROM segment_memberships WHERE segment_id = ?) AS members').get(segmentId);
console.log(file, counts, { segmentId, channel });
const span = (await db.prepare('SELECT min(first_seen_at) AS first, max(first_seen_at) AS last FROM customer_facts').get()) as { first: string; last: string };
const day = (iso: string, plus = 0) => new Date(Date.parse(`${iso.slice(0, 10)}T00:00:00.000Z`) + plus * 86_400_000).toISOString();
const range = { from: day(span.first), to: day(span.last, 1) };
const filters = { all: { segmentId: null, channel: null }, segment: { segmentId, channel: null }, channel: { segmentId: null, channel }, both: { segmentId, channel } };
type Filter = { segmentId: string | null; channel: string | null };
const figures: Record<string, (filter: Filter) => Promise<unknown>> = {
  'clv by=cohort': (filter) => clvByCohort(db, { ...range, ...filter }),
  'clv by=stage': (filter) => clvByStage(db, filter),
  'clv by=segment': (filter) => clvBySegment(db, filter),
  'clv by=channel': (filter) => clvByChannel(db, filter),
  'top-customers': (filter) => topCustomersByClv(db, filter, 20),
};
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
for (const [name, figure] of Object.entries(figures).filter(([name]) => only === undefined || name.includes(only))) {
  for (const [filterName, filter] of Object.entries(filters)) {
    const times: number[] = [];
    const deadline = performance.now() + 30_000;
    for (let r = 0; r < reps && (r < 2 || performance.now() < deadline); r++) {
      const began = performance.now();
      await figure(filter);
      times.push(performance.now() - began);
    }
    times.sort((a, b) => a - b);
    console.log(`value/${name} [${filterName}] p50 ${quantile(times, 0.5).toFixed(0)} ms p95 ${quantile(times, 0.95).toFixed(0)} ms (n=${times.length})`);
  }
}
console.log(`load ${loadavg().map((load) => load.toFixed(1)).join(' ')} on ${cpus().length} cores`);
await db.close();
