import { refillPausedRollups, rollupMigrations, sweepAnalytics, type Db } from '@lifecycle/db';
import { benchSettings, setUpBuild } from './buildSetup';
import { readProgress, writeProgress, type BuildConfig } from './buildProgress';
import { runChunks, runOnce } from './buildPhases';
import { generateCustomers } from './customers';
import { createDeferredIndexes } from './deferredIndexes';
import { EventSink, type SinkCounters } from './eventSink';
import { benchJourneys, type BenchJourney } from './journeys';
import { seededRandom } from '../../scripts/demoData/random';
import { generateRuns } from './runs';
import type { BenchSizes } from './sizes';
import { settleBuiltData } from './settle';

export { BENCH_HEALTH } from './buildSetup';

export type BuiltData = { file: string; journeys: BenchJourney[]; segmentId: string; channel: string; events: number; customers: number; runs: number; deliveries: number; stageMoves: number; seconds: Record<string, number>; cpuSeconds: Record<string, number> };

/** The build's phases in order, with what each line of the report says. */
export const BUILD_PHASES = [
  ['customers', 'customers + events + stage moves'],
  ['runs', 'runs + deliveries + opens/clicks'],
  ['sweep', 'analytics sweep once'],
  ['indexes', 'deferred indexes created'],
  ['settle', 'settled (sweeps caught up)'],
  ['analyze', 'ANALYZE'],
  ['rollups', 'rollups filled by their migrations'],
] as const;

/** Chunks per chunked phase (about): small enough that a kill loses little, big enough that commits cost nothing. */
const CHUNKS = 20;
const MAX_CUSTOMERS_PER_CHUNK = 5_000;
const MAX_DELIVERIES_PER_CHUNK = 25_000;

/** A generator for chunk `chunk` of `phase`: chunk k of a seed always draws the same numbers, whichever run makes it. */
function chunkRandom(seed: number, phase: number, chunk: number): () => number {
  return seededRandom((Math.imul(seed, 0x9e3779b1) ^ Math.imul(phase + 1, 0x85ebca6b) ^ Math.imul(chunk + 1, 0xc2b2ae35)) >>> 0);
}

const perChunk = (total: number, most: number) => Math.max(1, Math.min(most, Math.ceil(total / CHUNKS)));

/**
 * Builds (or, when `db` holds a build that was stopped, continues) the data set: customers with their events and stage
 * moves, journeys with runs, steps, deliveries, opens and clicks, in chunks that each commit with their progress
 * (buildProgress.ts). Every event passes through the analytics hook as ingest passes it; the rollups kept by triggers
 * are paused while rows go in and filled at the end by their own migrations' backfill (refillPausedRollups).
 */
export async function buildAnalyticsData(db: Db, file: string, sizes: BenchSizes, config: BuildConfig): Promise<BuiltData> {
  if ((await readProgress(db, 'config')) === undefined) {
    await setUpBuild(db, { seed: config.seed, customers: sizes.customers, journeys: sizes.journeys, now: config.now, pauseRollups: config.rollups === 'refill' });
    await writeProgress(db, 'config', config);
  }
  const now = new Date(config.now);
  const settings = await benchSettings(db);
  const journeys = benchJourneys(sizes.journeys);
  // Opens and clicks come to about 0.48 events per delivery; the customers' own events make up the rest.
  const perCustomer = Math.max(3, (sizes.events - 0.48 * sizes.deliveries) / sizes.customers);
  const customersPerChunk = perChunk(sizes.customers, MAX_CUSTOMERS_PER_CHUNK);
  const deliveriesPerChunk = perChunk(sizes.deliveries, MAX_DELIVERIES_PER_CHUNK);
  const sinkAt = (counters: Record<string, number>): SinkCounters => ({ counter: counters.counter ?? 0, written: counters.written ?? 0, stageMoves: counters.stageMoves ?? 0 });

  const customers = await runChunks(db, 'customers', Math.ceil(sizes.customers / customersPerChunk), {}, async (chunk, counters) => {
    const sink = new EventSink(db, settings, now, sinkAt(counters));
    const from = chunk * customersPerChunk + 1;
    await generateCustomers(db, sink, chunkRandom(config.seed, 0, chunk), { from, to: Math.min(sizes.customers, from + customersPerChunk - 1), perCustomer, days: sizes.days, now: config.now });
    await sink.flush();
    return { ...sink.counters };
  });
  const runs = await runChunks(db, 'runs', Math.ceil(sizes.deliveries / deliveriesPerChunk), customers, async (chunk, counters) => {
    const sink = new EventSink(db, settings, now, sinkAt(counters));
    const made = await generateRuns(db, sink, chunkRandom(config.seed, 1, chunk), {
      made: { runs: counters.runs ?? 0, deliveries: counters.deliveries ?? 0 },
      upTo: Math.min(sizes.deliveries, (chunk + 1) * deliveriesPerChunk),
      customers: sizes.customers,
      journeys,
      days: sizes.days,
      now: config.now,
    });
    await sink.flush();
    return { ...sink.counters, ...made };
  });
  // One phase after another: each awaited before the next starts.
  const timed = [
    await runOnce(db, 'sweep', async () => await sweepAnalytics(db, settings, now)),
    await runOnce(db, 'indexes', async () => await createDeferredIndexes(db, (await readProgress<string[]>(db, 'deferred')) ?? []), { ownTransactions: true }),
    // The API's own sweep, in committed batches: a kill loses one batch, and running it again finds what is still due.
    await runOnce(db, 'settle', async () => await settleBuiltData(db, now), { ownTransactions: true }),
    // Statistics before the refill: without them SQLite walks the funnel's stage changes through the wrong index (every
    // change into a stage, per step of every walk) and 0036's backfill goes quadratic.
    await runOnce(db, 'analyze', () => db.exec('ANALYZE')),
    await runOnce(db, 'rollups', async () => {
      if (config.rollups === 'live') return;
      await refillPausedRollups(db, (tag) => console.log(`  refilling ${tag}`));
      for (const table of rollupMigrations().flatMap((migration) => migration.tables)) await db.exec(`ANALYZE "${table}"`);
    }),
  ];
  const seconds: Record<string, number> = { customers: customers.seconds, runs: runs.seconds };
  const cpuSeconds: Record<string, number> = { customers: customers.cpuSeconds, runs: runs.cpuSeconds };
  for (const phase of timed) {
    seconds[phase.name] = phase.seconds;
    cpuSeconds[phase.name] = phase.cpuSeconds;
  }
  await writeProgress(db, 'finished', { at: new Date().toISOString() });
  return { file, journeys, segmentId: 'seg_bench_pro', channel: 'google', events: runs.written ?? 0, customers: sizes.customers, runs: runs.runs ?? 0, deliveries: runs.deliveries ?? 0, stageMoves: runs.stageMoves ?? 0, seconds, cpuSeconds };
}

/** What a build made, for a file kept from an earlier run: the counts it recorded (a file built before they were kept: the sizes asked for). */
export async function builtEarlier(file: string, sizes: BenchSizes, db?: Db): Promise<BuiltData> {
  const made = db ? (await readProgress<{ counters: Record<string, number> }>(db, 'phase:runs'))?.counters : undefined;
  return {
    file,
    journeys: benchJourneys(sizes.journeys),
    segmentId: 'seg_bench_pro',
    channel: 'google',
    events: made?.written ?? sizes.events,
    customers: sizes.customers,
    runs: made?.runs ?? 0,
    deliveries: made?.deliveries ?? sizes.deliveries,
    stageMoves: made?.stageMoves ?? 0,
    seconds: {},
    cpuSeconds: {},
  };
}
