import { copyFileSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openDatabase } from '@lifecycle/db';
import { storeMessages } from '../../apps/api/src/services/ingest';
import { SegmentMessage } from '../../apps/api/src/services/segmentMessages';
import { ingestMessage } from './ingestRatio';

// `ANALYTICS_ROLLUPS=off|on node --import tsx bench/analytics/ingestStatementTimes.ts FILE [events]`: wall time per
// prepared statement (its triggers included) while ingest stores batches of 100 on a copy of a built file, the 40
// costliest first. It found the segment-membership trigger that walked every survey answer (migration 0042).

const times = new Map<string, { n: number; ns: bigint }>();
const proto = (Database as unknown as { prototype: { prepare: (s: string) => unknown } }).prototype;
const origPrepare = proto.prepare;
proto.prepare = function (this: unknown, source: string) {
  const st = origPrepare.call(this, source) as Record<string, (...a: unknown[]) => unknown>;
  for (const m of ['run', 'get', 'all']) {
    const f = st[m]!.bind(st);
    st[m] = (...a: unknown[]) => {
      const t = process.hrtime.bigint();
      try { return f(...a); } finally {
        const key = source.replace(/\s+/g, ' ').slice(0, 110);
        const e = times.get(key) ?? { n: 0, ns: 0n }; e.n++; e.ns += process.hrtime.bigint() - t; times.set(key, e);
      }
    };
  }
  return st;
};
const [source, eventsArg] = process.argv.slice(2);
const file = `${source}.st-${process.pid}.db`;
copyFileSync(source!, file);
try {
  const db = openDatabase(file);
  const customers = (await db.prepare(`SELECT count(*) FROM customers WHERE id LIKE 'c%'`).pluck().get()) as number;
  const send = async (from: number, count: number) => { for (let n = from; n < from + count; n += 100) await storeMessages(db, Array.from({ length: 100 }, (_, i) => SegmentMessage.parse(ingestMessage(n + i, 'st', customers))), null); };
  await send(0, 500); times.clear();
  const EVENTS = Number(eventsArg ?? 2000);
  const t = process.hrtime.bigint();
  await send(500, EVENTS);
  const total = Number(process.hrtime.bigint() - t) / 1e6;
  console.log(`${process.env.ANALYTICS_ROLLUPS ?? 'on'} total ${total.toFixed(0)} ms for ${EVENTS}`);
  const rows = [...times].sort((a, b) => Number(b[1].ns - a[1].ns)).slice(0, 40);
  for (const [k, v] of rows) console.log(`${(Number(v.ns) / 1e6).toFixed(0).padStart(7)} ms ${String(v.n).padStart(6)}x ${(Number(v.ns) / 1e3 / v.n).toFixed(0).padStart(6)}us  ${k}`);
  await db.close();
} finally { for (const s of ['', '-wal', '-shm']) rmSync(`${file}${s}`, { force: true }); }
