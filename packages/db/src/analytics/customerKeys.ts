import type { Db } from '../client';

type FactsRow = { customer_id: string; first_seen_at: string; channel: string | null; channel_at: string | null };
type MembershipRow = { segment_id: string; customer_id: string; entered_at: string };

/** What places a customer under the analytics filter keys: their first-touch facts and their segment memberships. */
export type CustomerKeys = { facts: FactsRow | undefined; memberships: MembershipRow[] };

/**
 * Takes a customer out of every keyed rollup by deleting the rows that key them (memberships, then facts): the
 * tables' triggers move each of their counted rows out of the segment and channel keys. Returns what was deleted,
 * so `reattachCustomerKeys` can put it back once their rows changed underneath (a merge).
 */
export async function detachCustomerKeys(db: Db, customerId: string): Promise<CustomerKeys> {
  const facts = await db.prepare('SELECT customer_id, first_seen_at, channel, channel_at FROM customer_facts WHERE customer_id = ?').get<FactsRow>(customerId);
  const memberships = await db.prepare('SELECT segment_id, customer_id, entered_at FROM segment_memberships WHERE customer_id = ?').all<MembershipRow>(customerId);
  await db.prepare('DELETE FROM segment_memberships WHERE customer_id = ?').run(customerId);
  await db.prepare('DELETE FROM customer_facts WHERE customer_id = ?').run(customerId);
  return { facts, memberships };
}

/** Inserts the keying rows back (facts, then memberships): the triggers count every row the customer holds now under them. */
export async function reattachCustomerKeys(db: Db, keys: CustomerKeys): Promise<void> {
  const facts = keys.facts;
  if (facts) {
    await db
      .prepare('INSERT INTO customer_facts (customer_id, first_seen_at, channel, channel_at) VALUES (?, ?, ?, ?)')
      .run(facts.customer_id, facts.first_seen_at, facts.channel, facts.channel_at);
  }
  const insert = db.prepare('INSERT INTO segment_memberships (segment_id, customer_id, entered_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  for (const row of keys.memberships) await insert.run(row.segment_id, row.customer_id, row.entered_at);
}
