import { bundleWorkflowCode } from '@temporalio/worker';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../tests/support/processes';
import { benchDb, publishWaitJourney, startWaitingRuns, untilDispatched } from './dispatchRuns';
import { startBenchPlatform } from './endToEndPlatform';
import { inFlight, report } from './figures';
import { loadAverage, rssMb } from './memoryProbe';

// Resident memory of the real worker and API processes as work piles up: the worker's RSS as runs waiting grow (its
// sticky cache holds at most WORKER_MAX_CACHED_WORKFLOWS runs, `--cache`, default the worker's own; the rest live in
// Temporal only), and the API's RSS as events stream through POST /v1/batch and the dispatcher. "Flat" is read off the
// points: the worker's per-run growth below the cache bound and its slope once the cache is full.
// `node --import tsx bench/memory.ts [--runs 10000] [--events 1000000] [--cache 1000] [--points 10] [--unshared]`
// (`--unshared`: a workflow bundle without SHARED_WORKFLOW_MODULES preloaded, as the worker bundled before 2026-11-30).

function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
}

const mb = (values: number[]) => values.map((value) => value.toFixed(0)).join(' → ');

/** A workflow bundle file made without shared modules, for the worker's JOURNEY_WORKFLOW_BUNDLE. */
async function unsharedBundle(): Promise<string> {
  const workflowsPath = fileURLToPath(new URL('../workflows/src/index.ts', import.meta.url));
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: undefined });
  const file = join(tempDir('lifecycle-bench-bundle-'), 'unshared.bundle.js');
  writeFileSync(file, code);
  return file;
}

export async function benchMemory(args: string[] = []): Promise<string[]> {
  const runs = option(args, '--runs', 10_000);
  const events = option(args, '--events', 1_000_000);
  const cache = option(args, '--cache', Number.NaN);
  const pointCount = option(args, '--points', 4);
  const points = Array.from({ length: pointCount }, (_, i) => (i + 1) / pointCount);
  const unshared = args.includes('--unshared');
  const workerEnv: NodeJS.ProcessEnv = {
    ...(Number.isFinite(cache) ? { WORKER_MAX_CACHED_WORKFLOWS: String(cache) } : {}),
    ...(unshared ? { JOURNEY_WORKFLOW_BUNDLE: await unsharedBundle() } : {}),
  };
  const platform = await startBenchPlatform({ workerEnv });
  const db = benchDb(platform);
  try {
    await publishWaitJourney(platform);
    const workerRss = [rssMb(platform.pids.worker)];
    const counts = [0];
    let waiting = 0;
    for (const point of points) {
      const target = Math.round(runs * point);
      await startWaitingRuns(platform, db, waiting, target);
      waiting = target;
      workerRss.push(rssMb(platform.pids.worker));
      counts.push(target);
      console.log(`  ${target} runs waiting: worker RSS ${workerRss.at(-1)?.toFixed(0)} MB (load ${loadAverage()})`);
    }
    const workerLoad = loadAverage();
    // Per run below the cache bound (the points up to it), and per 1k runs once it is full (the points past it).
    const bound = Number.isFinite(cache) ? cache : 1000;
    const filling = counts.findIndex((count) => count >= bound);
    const firstFull = filling < 0 ? -1 : filling;
    const perRun = firstFull > 0 ? (workerRss[firstFull]! - workerRss[0]!) / counts[firstFull]! : (workerRss.at(-1)! - workerRss[0]!) / runs;
    const fullSlope = firstFull >= 0 && firstFull < counts.length - 1 ? ((workerRss.at(-1)! - workerRss[firstFull]!) / (runs - counts[firstFull]!)) * 1000 : Number.NaN;

    const apiRss = [rssMb(platform.pids.api)];
    const batches = Math.ceil(events / 100);
    let sent = 0;
    const began = performance.now();
    for (const point of [0.25, 0.5, 0.75, 1]) {
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
    const cacheWords = `sticky cache ${Number.isFinite(cache) ? cache : 'default'}${unshared ? ', modules not shared' : ''}`;
    const full = Number.isFinite(fullSlope) ? `; once the cache is full ${fullSlope.toFixed(1)} MB per 1k more runs` : '';
    return [
      report(
        `worker RSS with ${runs} runs waiting`,
        workerRss.at(-1) ?? Number.NaN,
        'MB',
        `at ${counts.join(', ')} runs: ${mb(workerRss)} MB; ${perRun.toFixed(2)} MB per run while the cache fills${full}; ${cacheWords}; load ${workerLoad}`,
      ),
      report(`API RSS after ${batches * 100} events`, apiRss.at(-1) ?? Number.NaN, 'MB', `at 0, 25, 50, 75, 100%: ${mb(apiRss)} MB; second half's slope ${perMillion.toFixed(0)} MB per 1M events; ${((batches * 100) / seconds).toFixed(0)} events/s stored and dispatched; load ${loadAverage()}`),
    ];
  } finally {
    await db.close();
    await platform.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`\n${new Date().toISOString()}\n${(await benchMemory(process.argv.slice(2))).join('\n')}`);
  process.exit(0);
}
