import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempDir } from '../tests/support/processes';
import { buildAnalyticsData, builtEarlier, type BuiltData } from './analytics/build';
import { benchToken, ingestWithAndWithout, startBenchApi } from './analytics/ingestRatio';
import { timeAnalyticsRoutes } from './analytics/routeTimes';
import { scaleArgument, sizesFor } from './analytics/sizes';
import { report } from './figures';

// The issue's proof: 1M customers, 20M events, 5M deliveries (times --scale), every analytics GET route's p50/p95,
// and ingest events/s with the analytics hook on vs off. `pnpm bench analytics [--scale 0.1]`, or directly
// `node --import tsx bench/analytics.ts --scale 0.1 [--keep | --dir DIR | --reuse FILE] [--no-routes] [--no-ingest]`
// (--keep leaves the database file, in DIR with --dir; --reuse times a file kept earlier without building again;
// --no-routes / --no-ingest leave out the route timings / the ingest rounds).
export async function benchAnalytics(argv: readonly string[] = process.argv.slice(2)): Promise<string[]> {
  const scale = scaleArgument(argv);
  const sizes = sizesFor(scale);
  const reuse = valueOf(argv, '--reuse');
  const dir = valueOf(argv, '--dir');
  const keep = argv.includes('--keep') || dir !== undefined;
  if (dir) mkdirSync(dir, { recursive: true });
  const file = reuse ?? join(dir ?? (keep ? mkdtempSync(join(tmpdir(), 'lifecycle-bench-analytics-')) : tempDir('lifecycle-bench-analytics-')), `analytics-scale${scale}.db`);
  const lines: string[] = [];
  let data: BuiltData;
  if (reuse) {
    console.log(`reusing ${reuse} (built at --scale ${scale})`);
    data = builtEarlier(file, sizes);
  } else {
    console.log(`building ${sizes.customers.toLocaleString('en')} customers, ~${sizes.events.toLocaleString('en')} events, ${sizes.deliveries.toLocaleString('en')} deliveries in ${file}`);
    const began = performance.now();
    data = buildAnalyticsData(file, sizes);
    const buildSeconds = (performance.now() - began) / 1000;
    const buildPhases = [
      ['customers', 'customers + events + stage moves', `${data.customers} customers, ${data.stageMoves} stage moves`],
      ['runs', 'runs + deliveries + opens/clicks', `${data.runs} runs, ${data.deliveries} deliveries`],
      ['sweep', 'analytics sweep once', ''],
      ['indexes', 'deferred indexes created', ''],
      ['settle', 'settled (sweeps caught up)', ''],
      ['analyze', 'ANALYZE', ''],
    ] as const;
    lines.push(
      ...buildPhases.map(([phase, what, detail]) => report(`build: ${what}`, data.seconds[phase]!, 's', `${data.cpuSeconds[phase]!.toFixed(1)} s CPU${detail ? `; ${detail}` : ''}`)),
      report('build: total', buildSeconds, 's', `${data.events} events through the analytics hook; scale ${scale}`),
    );
    console.log(lines.join('\n'));
    if (keep) console.log(`database kept: ${file} (time again with --reuse ${file} --scale ${scale})`);
  }

  if (!argv.includes('--no-routes')) lines.push(...(await routeFigures(file, data, sizes.days)));
  if (!argv.includes('--no-ingest')) lines.push(...(await ingestWithAndWithout(file, sizes.customers)).lines);
  if (keep) console.log(`database kept: ${file} (time again with --reuse ${file} --scale ${scale})`);
  return lines;
}

async function routeFigures(file: string, data: BuiltData, days: number): Promise<string[]> {
  const api = await startBenchApi(file, 'on');
  try {
    const token = await benchToken(api);
    const routes = await timeAnalyticsRoutes(api.url, token, data, days);
    return [...routes.lines, report('slowest analytics route', routes.worstP95, 'ms p95', `target < 1000 ms p95${routes.worstP95 >= 1000 ? ' — OVER' : ''}`)];
  } finally {
    await api.stop();
  }
}

function valueOf(argv: readonly string[], flag: string): string | undefined {
  const at = argv.indexOf(flag);
  return at >= 0 ? argv[at + 1] : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const lines = await benchAnalytics();
  console.log(`\n${new Date().toISOString()} on ${(await import('node:os')).cpus().length} cores\n${lines.join('\n')}`);
  process.exit(0);
}
