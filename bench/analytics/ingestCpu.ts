import { copyFileSync, rmSync } from 'node:fs';
import { drainPendingAnalytics, openDatabase } from '@lifecycle/db';
import { storeMessages } from '../../apps/api/src/services/ingest';
import { SegmentMessage } from '../../apps/api/src/services/segmentMessages';
import { ingestMessage } from './ingestRatio';
import { dropAnalyticsTriggers } from './ingestOff';

// `ANALYTICS_ROLLUPS=off|on node --import tsx bench/analytics/ingestCpu.ts FILE [events]` (add `--cpu-prof` to node
// for a profile). Ingest's own function on a copy of a built file, timed in CPU seconds of this process: on a machine
// shared with other work, wall-clock events/s measure the neighbours as much as ingest; CPU seconds do not. "off" also
// drops the analytics triggers on its copy (KEEP_TRIGGERS=1 keeps them: the old, flattering comparison).
const [source, eventsArg] = process.argv.slice(2);
if (!source) throw new Error('usage: ingestCpu.ts FILE [events]');
const EVENTS = Number(eventsArg ?? 6_000);
const WARM_UP = 1_000;
const BATCH = 100;

const file = `${source}.cpu-${process.pid}.db`;
copyFileSync(source, file);
try {
  const db = openDatabase(file);
  // "off" is analytics off: the JS hooks (ANALYTICS_ROLLUPS=off) and the rollup triggers (bench/analytics/ingestOff.ts).
  if (process.env.ANALYTICS_ROLLUPS === 'off' && process.env.KEEP_TRIGGERS !== '1') console.log(`dropped ${await dropAnalyticsTriggers(db)} analytics triggers`);
  if (process.env.CACHE) await db.exec(`PRAGMA cache_size = -${process.env.CACHE}`);
  const customers = ((await db.prepare(`SELECT count(*) FROM customers WHERE id LIKE 'c%'`).pluck().get()) as number) || 1;
  const round = `cpu${process.pid}`;
  const send = async (from: number, count: number) => {
    for (let n = from; n < from + count; n += BATCH) {
      const batch = Array.from({ length: BATCH }, (_, i) => SegmentMessage.parse(ingestMessage(n + i, round, customers)));
      await storeMessages(db, batch, null);
    }
  };
  await send(0, WARM_UP);
  const cpu = process.cpuUsage();
  const began = performance.now();
  await send(WARM_UP, EVENTS);
  const used = process.cpuUsage(cpu);
  const seconds = (used.user + used.system) / 1e6;
  const wall = (performance.now() - began) / 1000;
  console.log(`analytics ${process.env.ANALYTICS_ROLLUPS ?? 'on'}: ${EVENTS} events, ${seconds.toFixed(2)} CPU s (${(EVENTS / seconds).toFixed(0)} events per CPU-second), ${wall.toFixed(2)} s wall`);
  // Ingest only queues; the applier's share of the cost, counted apart (warm-up events included, as they were queued too).
  const applyCpu = process.cpuUsage();
  await drainPendingAnalytics(db, Number.POSITIVE_INFINITY);
  const applied = process.cpuUsage(applyCpu);
  const applySeconds = (applied.user + applied.system) / 1e6;
  if (process.env.ANALYTICS_ROLLUPS !== 'off') console.log(`applier: ${EVENTS + WARM_UP} queued events counted in ${applySeconds.toFixed(2)} CPU s (${((EVENTS + WARM_UP) / applySeconds).toFixed(0)} events per CPU-second)`);
  await db.close();
} finally {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}
