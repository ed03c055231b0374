import type { Db } from '../client';
import { deleteCustomerRows, mergeCustomerRows } from '../queries/customerProfile';
import { changeStage } from '../queries/lifecycle';

const SEGMENTS = ['seg_a', 'seg_b', 'seg_c'];
const CHANNELS = ['ads', 'news', null];

export const randomTime = (random: () => number) => new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 120 * 86_400_000)).toISOString();

export type StageHistoryOptions = {
  stages: readonly string[];
  customers: number;
  steps: number;
  /** Share of stage moves stamped before the customer's latest (backfilled history). */
  backfill?: number;
  /** Run now and then between steps (a periodic refresh the rollup under test needs). */
  refresh?: () => Promise<void>;
};

/**
 * A random history of the rows the stage rollups are kept from, written through the same paths as the platform:
 * stage moves, first-seen and channel changes, segment joins, leaves and set-based saves, merges, deletions and new
 * customers. Shared by the stage rollup tests (migrations 0028 and 0036).
 */
export async function randomStageHistory(db: Db, random: () => number, options: StageHistoryOptions): Promise<void> {
  const pickOf = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const ids = Array.from({ length: options.customers }, (_, i) => `c${i}`);
  for (const id of ids) await db.prepare('INSERT INTO customers (id) VALUES (?)').run(id);
  const times = Array.from({ length: options.steps }, () => randomTime(random)).sort();
  for (const time of times) {
    const id = pickOf(ids);
    const roll = random();
    if (roll < 0.5) {
      const at = random() < (options.backfill ?? 0) ? randomTime(random) : time;
      await changeStage(db, { customerId: id, to: pickOf(options.stages), cause: 'test', at });
    } else if (roll < 0.7) {
      // The per-event upsert: first seen moves back, the first-touch channel is the earliest event's.
      const seen = random() < 0.3 ? randomTime(random) : time;
      await db
        .prepare(
          `INSERT INTO customer_facts (customer_id, first_seen_at, channel, channel_at) VALUES (?, ?, ?, ?) ON CONFLICT (customer_id) DO UPDATE SET
           first_seen_at = min(customer_facts.first_seen_at, excluded.first_seen_at), channel = excluded.channel, channel_at = excluded.channel_at`,
        )
        .run(id, seen, pickOf(CHANNELS), seen);
    } else if (roll < 0.8) await db.prepare('INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(pickOf(SEGMENTS), id, time);
    else if (roll < 0.86) await db.prepare('DELETE FROM segment_memberships WHERE customer_id = ? AND segment_id = ?').run(id, pickOf(SEGMENTS));
    else if (roll < 0.89) {
      // A segment saved: set-based, as apps/api/src/services/segments.ts recomputes it.
      await db.prepare(`DELETE FROM segment_memberships WHERE segment_id = 'seg_c' AND customer_id NOT IN (SELECT id FROM customers WHERE lifecycle_stage = 'lead')`).run();
      await db.prepare(`INSERT INTO segment_memberships (segment_id, customer_id, entered_at) SELECT 'seg_c', id, ? FROM customers WHERE lifecycle_stage = 'lead' ON CONFLICT DO NOTHING`).run(time);
    } else if (roll < 0.91) {
      const [from, into] = [pickOf(ids), pickOf(ids)];
      if (from !== into) {
        await mergeCustomerRows(db, from, into);
        ids.splice(ids.indexOf(from), 1);
      }
    } else if (roll < 0.93) {
      if (ids.length <= 20) continue;
      await deleteCustomerRows(db, id);
      ids.splice(ids.indexOf(id), 1);
    } else if (roll < 0.97 || !options.refresh) {
      const fresh = `n${Math.floor(random() * 1e9)}`;
      await db.prepare('INSERT INTO customers (id) VALUES (?)').run(fresh);
      ids.push(fresh);
    } else await options.refresh();
  }
}
