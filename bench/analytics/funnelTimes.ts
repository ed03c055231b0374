import { openDatabase } from '@lifecycle/db';
import { funnelOf, type FunnelSource } from '../../apps/api/src/analytics/stages/funnelOf';

// `node --import tsx bench/analytics/funnelTimes.ts FILE [reps] [paths|rollup]`: the stage funnel (what
// GET /api/analytics/stages/funnel computes) on a file such as a small build multiplied to 1M customers, over the
// whole period and the default 90 days, unfiltered and filtered. Opening the file runs pending migrations (timed).
const [file, repsArg, sourceArg] = process.argv.slice(2);
if (!file) throw new Error('usage: funnelTimes.ts FILE [reps] [paths|rollup]');
const reps = Number(repsArg ?? 5);
const source = (sourceArg ?? 'rollup') as FunnelSource;
const opening = performance.now();
const db = openDatabase(file);
console.log(`opened (migrations) in ${((performance.now() - opening) / 1000).toFixed(1)} s`);
const pick = async (query: string) => (await db.prepare(query).pluck().get()) as string;
const segment = await pick('SELECT segment_id FROM segment_memberships GROUP BY 1 ORDER BY count(*) DESC LIMIT 1');
const channel = await pick('SELECT channel FROM customer_facts WHERE channel IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1');
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const today = Date.now();
const filters = { all: {}, segment: { segment }, channel: { channel }, both: { segment, channel } };
console.log(file, { segment, channel, source, reps });
for (const days of [180, 90]) {
  for (const [name, filter] of Object.entries(filters)) {
    const times: number[] = [];
    let answer: Awaited<ReturnType<typeof funnelOf>> | undefined;
    for (let r = 0; r < reps; r++) {
      const began = performance.now();
      answer = await funnelOf(db, { from: day(today - days * 86_400_000), to: day(today), interval: 'week', ...filter }, source);
      times.push(performance.now() - began);
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!.toFixed(0).padStart(6);
    const steps = answer!.steps.map((step) => `${step.stage}:${step.customers}/${step.medianMsFromPrevious ?? '-'}`).join(' ');
    console.log(`${days}d ${name.padEnd(8)} p50 ${q(0.5)} ms  p95 ${q(0.95)} ms  ${steps}  weakest ${answer!.weakestStep?.to ?? '-'}`);
  }
}
