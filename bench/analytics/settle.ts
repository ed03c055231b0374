import { openDatabase, type Db } from '@lifecycle/db';
import { sweepLifecycle } from '../../apps/api/src/dispatch/lifecycleSweep';
import { progress } from './progress';

/** Customers per sweep while settling: the API sweeps 500 every few seconds; the bench has nothing else to wait for. */
const SETTLE_BATCH = 5_000;

/**
 * Brings a freshly built file to the steady state a live system is in: the build wrote 180 days of history in
 * minutes, so the time-driven upkeep a live API does as it goes is all still due (segment re-checks queued by every
 * stage move, customers the inactivity rule would have moved, health scores whose window ran out). This runs the
 * API's own lifecycle sweep until nothing is due, and marks the internal events as dispatched (the bench runs no
 * Temporal, so the dispatcher would retry them for ever). Otherwise the first API started on the file spends the
 * ingest rounds catching up, with analytics on or off alike, and the figures measure the backlog, not ingest.
 */
export async function settleBuiltData(db: Db, now = new Date()): Promise<{ rechecked: number; moved: number }> {
  const total = { rechecked: 0, moved: 0 };
  const due = db.prepare(`SELECT count(*) FROM segment_rechecks WHERE due_at <= ?`).pluck();
  const shown = progress('settling (segment re-checks, inactivity moves, health windows)', (await due.get(now.toISOString())) as number);
  const healthDue = db.prepare(`SELECT count(*) FROM health_rechecks WHERE due_at <= ?`).pluck();
  for (;;) {
    const swept = await sweepLifecycle(db, now, SETTLE_BATCH);
    total.rechecked += swept.rechecked;
    total.moved += swept.moved;
    shown.tick(total.rechecked);
    if (swept.rechecked === 0 && swept.moved === 0 && ((await healthDue.get(now.toISOString())) as number) === 0) break;
  }
  shown.end(total.rechecked);
  await db.prepare(`UPDATE events SET dispatched_at = received_at WHERE dispatched_at IS NULL`).run();
  return total;
}

// `node --import tsx bench/analytics/settle.ts FILE`: settles a file built before the build settled by itself.
if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: settle.ts FILE');
  const db = openDatabase(file);
  await db.exec('PRAGMA cache_size = -2000000');
  const began = performance.now();
  const settled = await settleBuiltData(db);
  await db.exec('ANALYZE');
  await db.close();
  console.log(`settled ${file}: ${settled.rechecked} segment re-checks, ${settled.moved} inactivity moves in ${((performance.now() - began) / 1000).toFixed(1)} s`);
}
