import { forgetCustomerAnalytics } from './forgetCustomer';
import type { Db } from '../client';
import { CHANNELS, SEGMENTS } from './journeysRandomHistory';
import { seededRandom } from '../../../../scripts/demoData/random';

// A random global control history for the tests of migration 0043's rollup (globalControlRollup.test.ts): customers
// assigned before and after they are first seen, revenue days added, topped up and removed, segment and channel moves,
// first seen moved back, a group flipped, an assignment removed and a customer forgotten. Revenue never precedes the
// customer's first-seen day, as ingest guarantees (first seen is the earliest of the customer's events).

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function globalControlHistory(db: Db, seed: number): Promise<void> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  await db.exec("INSERT INTO segments (id, name, definition) VALUES ('seg_a', 'A', '{}'), ('seg_b', 'B', '{}') ON CONFLICT DO NOTHING");
  const customers = Array.from({ length: 50 }, (_, n) => `g${n}`);
  const firstSeen = new Map<string, number>();
  const facts = db.prepare(`INSERT INTO customer_facts (customer_id, first_seen_at, channel, channel_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (customer_id) DO UPDATE SET channel = excluded.channel, channel_at = excluded.channel_at`);
  const moveBack = db.prepare('UPDATE customer_facts SET first_seen_at = ? WHERE customer_id = ?');
  const assign = db.prepare('INSERT INTO global_control (customer_id, in_control, share, assigned_at) VALUES (?, ?, 0.3, ?) ON CONFLICT DO NOTHING');
  const join = db.prepare("INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES (?, ?, '2026-01-01T00:00:00.000Z') ON CONFLICT DO NOTHING");
  const leave = db.prepare('DELETE FROM segment_memberships WHERE segment_id = ? AND customer_id = ?');
  const revenue = db.prepare('INSERT INTO customer_revenue_days (day, customer_id, revenue) VALUES (?, ?, ?) ON CONFLICT (day, customer_id) DO UPDATE SET revenue = customer_revenue_days.revenue + excluded.revenue');
  const unpay = db.prepare('DELETE FROM customer_revenue_days WHERE customer_id = ? AND day = (SELECT day FROM customer_revenue_days WHERE customer_id = ? ORDER BY day LIMIT 1 OFFSET ?)');
  const firstPaid = db.prepare('SELECT min(day) FROM customer_revenue_days WHERE customer_id = ?').pluck();
  const seen = async (id: string) => {
    const paid = (await firstPaid.get(id)) as string | null;
    const at = Math.min(Date.UTC(2025, 11, 1) + Math.floor(random() * 70 * DAY_MS), paid === null ? Infinity : Date.parse(`${paid}T08:00:00.000Z`));
    firstSeen.set(id, at);
    await facts.run(id, new Date(at).toISOString(), pick(CHANNELS), new Date(at).toISOString());
  };
  const pay = async (id: string) => {
    const from = firstSeen.get(id) ?? Date.UTC(2026, 1, 1);
    await revenue.run(dayOf(from + Math.floor(random() * 40) * DAY_MS), id, Math.round(random() * 20_000) / 100);
  };
  for (const id of customers) {
    // A third assigned before they are seen (the share set before their first event), most of the rest after.
    if (random() < 0.35) await assign.run(id, random() < 0.3 ? 1 : 0, '2025-12-01T00:00:00.000Z');
    if (random() < 0.9) await seen(id);
    for (const segment of SEGMENTS) if (random() < 0.45) await join.run(segment, id);
    for (let n = Math.floor(random() * 6); n > 0; n -= 1) await pay(id);
    if (random() < 0.9) await assign.run(id, random() < 0.3 ? 1 : 0, '2026-01-01T00:00:00.000Z');
  }
  for (let n = 0; n < 120; n += 1) {
    const id = pick(customers);
    const move = random();
    if (move < 0.3) await pay(id);
    else if (move < 0.4 && firstSeen.has(id)) await facts.run(id, new Date(firstSeen.get(id)!).toISOString(), pick(CHANNELS), '2025-11-01T00:00:00.000Z');
    else if (move < 0.55) await join.run(pick(SEGMENTS), id);
    else if (move < 0.65) await leave.run(pick(SEGMENTS), id);
    else if (move < 0.75) await unpay.run(id, id, Math.floor(random() * 3));
    else if (move < 0.82 && firstSeen.has(id)) {
      const earlier = firstSeen.get(id)! - Math.floor(random() * 10) * DAY_MS;
      firstSeen.set(id, earlier);
      await moveBack.run(new Date(earlier).toISOString(), id);
    } else if (move < 0.87) await db.prepare('UPDATE global_control SET in_control = NOT in_control WHERE customer_id = ?').run(id);
    else if (move < 0.9) await db.prepare('DELETE FROM global_control WHERE customer_id = ?').run(id);
    else if (move < 0.95 && !firstSeen.has(id)) await seen(id);
    else await assign.run(id, 1, '2026-02-01T00:00:00.000Z');
  }
  await forgetCustomerAnalytics(db, pick(customers));
  await db.prepare('DELETE FROM segment_memberships WHERE customer_id = ?').run(pick(customers));
}
