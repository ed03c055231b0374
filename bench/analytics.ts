import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@lifecycle/db';
import { tempDir } from '../tests/support/processes';
import { BUILD_PHASES, buildAnalyticsData, builtEarlier, type BuiltData } from './analytics/build';
import { readProgress } from './analytics/buildProgress';
import { benchToken, ingestWithAndWithout, startBenchApi } from './analytics/ingestRatio';
import { closeBuild, openBuild } from './analytics/openBuild';
import { timeCustomerAnalytics } from './analytics/customerRouteTimes';
import { timeAnalyticsRoutes } from './analytics/routeTimes';
import { scaleArgument, sizesFor } from './analytics/sizes';
import { report } from './figures';

// The issue's proof: 1M customers, 20M events, 5M deliveries (times --scale), every analytics GET route's p50/p95,
// and ingest events/s with the analytics hook on vs off. `pnpm bench analytics [--scale 0.1]`, or directly
// `node --import tsx bench/analytics.ts --scale 0.1 [--seed N] [--now ISO] [--keep | --dir DIR [--resume] | --reuse FILE] [--no-routes] [--no-ingest] [--live-rollups]`
// (--keep leaves the database file; --dir DIR keeps it as DIR/analytics-scale<scale>.db and, when DIR holds a build
// that was stopped, continues it (--resume insists there is one); --reuse times a finished file without building;
// --now sets the instant the generated 180 days end at (default: when the build starts; the same seed and --now build
// the same rows); --no-routes / --no-ingest leave out the route timings / the ingest rounds; --live-rollups keeps every rollup trigger
// firing row by row while building instead of filling the rollups at the end: slow, kept to check the refill against).
export async function benchAnalytics(argv: readonly string[] = process.argv.slice(2)): Promise<string[]> {
  const scale = scaleArgument(argv);
  const sizes = sizesFor(scale);
  const seed = Number(valueOf(argv, '--seed') ?? 11);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${valueOf(argv, '--seed')}`);
  const endsAt = valueOf(argv, '--now');
  const now = endsAt === undefined ? Date.now() : Date.parse(endsAt);
  if (!Number.isFinite(now)) throw new Error(`--now must be an ISO date-time, got ${endsAt}`);
  const reuse = valueOf(argv, '--reuse');
  const dir = valueOf(argv, '--dir');
  const keep = argv.includes('--keep') || dir !== undefined;
  if (dir) mkdirSync(dir, { recursive: true });
  const file = reuse ?? join(dir ?? (keep ? mkdtempSync(join(tmpdir(), 'lifecycle-bench-analytics-')) : tempDir('lifecycle-bench-analytics-')), `analytics-scale${scale}.db`);
  const lines: string[] = [];
  let data: BuiltData;
  if (reuse) {
    console.log(`reusing ${reuse} (built at --scale ${scale})`);
    const db = openDatabase(file);
    const started = (await readProgress(db, 'config')) !== undefined;
    const finished = (await readProgress(db, 'finished')) !== undefined;
    data = await builtEarlier(file, sizes, db);
    await db.close();
    if (started && !finished) throw new Error(`${file} is a build that was stopped: continue it with --dir ${join(file, '..')} --scale ${scale} first`);
  } else {
    const start = await openBuild(file, { seed, scale, now, rollups: argv.includes('--live-rollups') ? 'live' : 'refill' });
    if (argv.includes('--resume') && start.state !== 'resume') throw new Error(`--resume: ${file} holds no stopped build (${start.state === 'new' ? 'no file' : 'it is finished'})`);
    if (start.state === 'finished') {
      console.log(`${file} is a finished build: timing it (as --reuse ${file})`);
      data = await builtEarlier(file, sizes, start.db);
      await closeBuild(start.db);
    } else {
      console.log(`building ${sizes.customers.toLocaleString('en')} customers, ~${sizes.events.toLocaleString('en')} events, ${sizes.deliveries.toLocaleString('en')} deliveries in ${file}`);
      data = await buildAnalyticsData(start.db, file, sizes, start.config);
      await closeBuild(start.db);
      const detail: Record<string, string> = {
        customers: `${data.customers} customers, ${data.stageMoves} stage moves`,
        runs: `${data.runs} runs, ${data.deliveries} deliveries`,
      };
      const total = (of: Record<string, number>) => Object.values(of).reduce((sum, value) => sum + value, 0);
      lines.push(
        ...BUILD_PHASES.map(([phase, what]) => report(`build: ${what}`, data.seconds[phase]!, 's', `${data.cpuSeconds[phase]!.toFixed(1)} s CPU${detail[phase] ? `; ${detail[phase]}` : ''}`)),
        report('build: total', total(data.seconds), 's', `${total(data.cpuSeconds).toFixed(1)} s CPU; ${data.events} events through the analytics hook; scale ${scale}${start.state === 'resume' ? '; resumed: phases summed over every run' : ''}`),
      );
      console.log(lines.join('\n'));
    }
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
    const customers = await timeCustomerAnalytics(api.url, token, data);
    const worst = Math.max(routes.worstP95, customers.worstP95);
    return [...routes.lines, ...customers.lines, report('slowest analytics route', worst, 'ms p95', `of every route above; target < 1000 ms p95${worst >= 1000 ? ' — OVER' : ''}`)];
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
