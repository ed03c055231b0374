import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import { startPostgresCluster } from '../packages/db/src/testing/postgresCluster';
import { tempDir } from '../tests/support/processes';
import { SHARED_WORKFLOW_MODULES } from '../workflows/src/sharedModules';
import { postmasterPid } from './backendsCpu';
import { BATCH, measureIngest, measureRuns, type Counts, type Measured } from './backendsMeasures';
import { startSetup, type Setup } from './backendsPlatform';
import { report } from './figures';
import { loadAverage } from './memoryProbe';

// SQLite against Postgres, and one API and worker against two of each on one Postgres database (issue 13, item 7):
// the same events, journey and settings on three set-ups, one after the other, each on its own Temporal dev server,
// mail catcher and fresh database. `pnpm bench backends [--quick] [--events 6000] [--runs 300] [--in-flight 8]
// [--warmup 40]`.

const usage = 'pnpm bench backends [--quick] [--events N] [--runs N] [--in-flight N] [--warmup N]';

function parseCounts(args: string[]): Counts {
  const known = new Set(['--quick', '--events', '--runs', '--in-flight', '--warmup']);
  for (const arg of args) if (arg.startsWith('--') && !known.has(arg)) throw new Error(`unknown flag ${arg}: ${usage}`);
  const value = (name: string, fallback: number) => {
    const at = args.indexOf(name);
    if (at < 0) return fallback;
    const parsed = Number(args[at + 1]);
    if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${name} wants a whole number ≥ 1: ${usage}`);
    return parsed;
  };
  const quick = args.includes('--quick');
  return {
    events: value('--events', quick ? 3_000 : 6_000),
    runs: value('--runs', quick ? 150 : 300),
    warmupRuns: value('--warmup', quick ? 20 : 40),
    inFlight: value('--in-flight', 8),
  };
}

/** The journey workflows bundled once to a file, so no worker bundles them on start (seconds of CPU each). */
async function bundleFile(): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: fileURLToPath(new URL('../workflows/src/index.ts', import.meta.url)),
    preloadModules: SHARED_WORKFLOW_MODULES,
    logger: {
      log: () => undefined,
      trace: () => undefined,
      debug: () => undefined,
      info: () => undefined,
      warn: console.warn,
      error: console.error,
    },
  });
  const file = join(tempDir('lifecycle-bench-bundle-'), 'journey-workflows.bundle.js');
  writeFileSync(file, code);
  return file;
}

type Result = { setup: Setup; ingest?: Measured; runs?: Measured; error?: string };

/** One figure on every set-up, the SQLite one the anchor. */
function figureLines(
  results: Result[],
  name: string,
  unit: string,
  pick: (result: Result) => Measured | undefined,
  cpuUnit: string,
): string[] {
  const anchor = results[0] ? pick(results[0])?.rate : undefined;
  return results.map((result) => {
    const measured = pick(result);
    if (!measured) return report(`${name}, ${result.setup.label}`, Number.NaN, unit, `FAILED: ${result.error ?? 'not measured'}`);
    const ratio =
      measured === (results[0] && pick(results[0])) ? 'anchor' : anchor ? `${(measured.rate / anchor).toFixed(2)}× SQLite` : 'no anchor';
    return report(
      `${name}, ${result.setup.label}`,
      measured.rate,
      unit,
      `${ratio}; ${measured.seconds.toFixed(1)} s; ${measured.note}; CPU ms ${cpuUnit}: ${measured.cpu}; load ${measured.load}`,
    );
  });
}

/** Events/s through /v1/batch and journey runs/s on SQLite, Postgres with one API and worker, Postgres with two of each. */
export async function benchBackends(args: string[] = []): Promise<string[]> {
  const counts = parseCounts(args);
  const [bundle, cluster] = await Promise.all([bundleFile(), startPostgresCluster()]);
  const postmaster = postmasterPid(Number(new URL(cluster.url).port));
  if (postmaster === undefined) console.warn('bench backends: the Postgres server process was not found; its CPU is left out');
  const setups: Setup[] = [
    {
      label: 'SQLite, 1 API + 1 worker',
      apis: 1,
      workers: 1,
      database: { DATABASE_PATH: join(tempDir('lifecycle-bench-sqlite-'), 'lifecycle.db') },
    },
    {
      label: 'Postgres, 1 API + 1 worker',
      apis: 1,
      workers: 1,
      database: { DATABASE_URL: await cluster.createDatabase('bench_backends_one') },
    },
    {
      label: 'Postgres, 2 APIs + 2 workers',
      apis: 2,
      workers: 2,
      database: { DATABASE_URL: await cluster.createDatabase('bench_backends_two') },
    },
  ];
  const results: Result[] = [];
  try {
    for (const setup of setups) {
      const result: Result = { setup };
      results.push(result);
      console.log(`bench backends: ${setup.label} (load ${loadAverage()})`);
      const failed = (error: unknown) => {
        console.error(`bench backends: ${setup.label} failed:`, error);
        result.error = (error as Error).message.split('\n')[0];
      };
      const platform = await startSetup(setup, bundle, 'DATABASE_URL' in setup.database ? postmaster : undefined).catch(failed);
      if (!platform) continue;
      try {
        // Runs first: ingest leaves more analytics work behind than the runs do, and it need not be waited for after.
        result.runs = await measureRuns(platform, counts);
        result.ingest = await measureIngest(platform, counts);
      } catch (error) {
        failed(error);
      } finally {
        await platform.stop();
      }
    }
  } finally {
    cluster.stop();
  }
  const settings = `${counts.events} events in batches of ${BATCH}, ${counts.runs} runs after ${counts.warmupRuns} warm-up, ${counts.inFlight} batches in flight`;
  return [
    `backends (${settings}):`,
    ...figureLines(results, 'events/s through /v1/batch', 'events/s', (result) => result.ingest, 'per 1k events'),
    ...figureLines(results, 'journey runs/s, event → completed', 'runs/s', (result) => result.runs, 'per run'),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const lines = await benchBackends(process.argv.slice(2));
  console.log(`\n${new Date().toISOString()} on ${cpus().length} cores, load average ${loadAverage()}\n${lines.join('\n')}`);
  process.exit(0);
}
