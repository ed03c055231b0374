import { benchDb, publishWaitJourney, startWaitingRuns, untilDispatched } from './dispatchRuns';
import { startBenchPlatform } from './endToEndPlatform';
import { inFlight, report } from './figures';
import { loadAverage, rssMb } from './memoryProbe';

// Resident memory of the real worker and API processes as work piles up: the worker's RSS as runs waiting grow (its
// sticky cache holds at most maxCachedWorkflows = 1000 runs, apps/worker/src/worker.ts; the rest live in Temporal
// only), and the API's RSS as events stream through POST /v1/batch and the dispatcher. "Flat" is read off the points.
// `node --import tsx bench/memory.ts [--runs 10000] [--events 1000000]`.

function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
}

const POINTS = [0.25, 0.5, 0.75, 1];
const mb = (values: number[]) => values.map((value) => value.toFixed(0)).join(' → ');

export async function benchMemory(args: string[] = []): Promise<string[]> {
  const runs = option(args, '--runs', 10_000);
  const events = option(args, '--events', 1_000_000);
  const platform = await startBenchPlatform();
  const db = benchDb(platform);
  try {
    await publishWaitJourney(platform);
    const workerRss = [rssMb(platform.pids.worker)];
    let waiting = 0;
    for (const point of POINTS) {
      const target = Math.round(runs * point);
      await startWaitingRuns(platform, db, waiting, target);
      waiting = target;
      workerRss.push(rssMb(platform.pids.worker));
    }
    const workerLoad = loadAverage();

    const apiRss = [rssMb(platform.pids.api)];
    const batches = Math.ceil(events / 100);
    let sent = 0;
    const began = performance.now();
    for (const point of POINTS) {
      const upTo = Math.round(batches * point);
      const from = sent;
      await inFlight(upTo - from, 4, (b) =>
        platform.batch(
          Array.from({ length: 100 }, (_, i) => ({ type: 'track', userId: `m${((from + b) * 100 + i) % 20_000}`, event: 'page_viewed', properties: { path: `/docs/${i}` }, messageId: `mem-${from + b}-${i}` })),
        ),
      );
      sent = upTo;
      await untilDispatched(db, 200);
      apiRss.push(rssMb(platform.pids.api));
    }
    const seconds = (performance.now() - began) / 1000;
    const perMillion = (1e6 / (batches * 100)) * ((apiRss.at(-1) ?? 0) - (apiRss[2] ?? 0)) * 2; // second half's slope, per 1M events
    return [
      report(`worker RSS with ${runs} runs waiting`, workerRss.at(-1) ?? Number.NaN, 'MB', `at 0, 25, 50, 75, 100%: ${mb(workerRss)} MB; sticky cache 1000 runs; load ${workerLoad}`),
      report(`API RSS after ${batches * 100} events`, apiRss.at(-1) ?? Number.NaN, 'MB', `at 0, 25, 50, 75, 100%: ${mb(apiRss)} MB; second half's slope ${perMillion.toFixed(0)} MB per 1M events; ${((batches * 100) / seconds).toFixed(0)} events/s stored and dispatched; load ${loadAverage()}`),
    ];
  } finally {
    db.$client.close();
    await platform.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`\n${new Date().toISOString()}\n${(await benchMemory(process.argv.slice(2))).join('\n')}`);
  process.exit(0);
}
