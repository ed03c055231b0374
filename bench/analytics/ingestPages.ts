import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { openDatabase } from '@lifecycle/db';
import { storeMessages } from '../../apps/api/src/services/ingest';
import { SegmentMessage } from '../../apps/api/src/services/segmentMessages';
import { ingestMessage } from './ingestRatio';
import { dropAnalyticsTriggers } from './ingestOff';

// `ANALYTICS_ROLLUPS=off|on node --import tsx bench/analytics/ingestPages.ts FILE`: the pages one /v1/batch of 100
// writes at its commit, by table or index, on a copy of a built file (WAL frames with checkpoints held back). Pages a
// commit writes are most of what analytics add to ingest: this shows which rollup writes them.
const [source] = process.argv.slice(2);
if (!source) throw new Error('usage: ingestPages.ts FILE');
const file = `${source}.wal-${process.pid}.db`;
copyFileSync(source, file);
const db = openDatabase(file);
if (process.env.ANALYTICS_ROLLUPS === 'off') await dropAnalyticsTriggers(db);
const customers = (await db.prepare(`SELECT count(*) FROM customers WHERE id LIKE 'c%'`).pluck().get()) as number;
const send = async (from: number, count: number) => {
  for (let n = from; n < from + count; n += 100) await storeMessages(db, Array.from({ length: 100 }, (_, i) => SegmentMessage.parse(ingestMessage(n + i, 'wal', customers))), null);
};
await send(0, 1000);
await db.exec('PRAGMA wal_autocheckpoint = 0');
await db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
const BATCHES = 20;
await send(1000, BATCHES * 100);
const wal = readFileSync(`${file}-wal`);
const pageSize = wal.readUInt32BE(8);
const owner = new Map<number, string>();
for (const row of await db.prepare('SELECT pageno, name FROM dbstat').all<{ pageno: number; name: string }>()) owner.set(row.pageno, row.name);
const byTable = new Map<string, number>();
let frames = 0;
for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
  const page = wal.readUInt32BE(at);
  frames++;
  const name = owner.get(page) ?? '?';
  byTable.set(name, (byTable.get(name) ?? 0) + 1);
}
console.log(`${process.env.ANALYTICS_ROLLUPS ?? 'on'}: ${(frames / BATCHES).toFixed(0)} pages per batch of 100`);
for (const [name, count] of [...byTable].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${(count / BATCHES).toFixed(1).padStart(6)} ${name}`);
await db.close();
for (const s of ['', '-wal', '-shm']) rmSync(`${file}${s}`, { force: true });
