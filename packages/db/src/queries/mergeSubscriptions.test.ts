import { describe, expect, it } from 'vitest';
import { type Db } from '../client';
import { mergeCustomerRows } from './customerProfile';
import { countedMarketingSends, claimGovernedDelivery } from './governedClaim';
import { customerTopicStates } from './topicSubscriptions';
import { insertTopic } from './topics';
import { openTestDatabase } from '../testing/testDatabase';

const T1 = '2026-03-01T10:00:00.000Z';
const T2 = '2026-03-02T10:00:00.000Z';

async function setup(): Promise<Db> {
  const db = openTestDatabase(':memory:');
  for (const [id, defaultSubscribed] of [['news', true], ['offers', true], ['product', true], ['tips', true], ['digest', false], ['events', true]] as const) {
    await insertTopic(db, { id, name: id, description: null, defaultSubscribed });
  }
  await db.prepare(`INSERT INTO customers (id, email) VALUES ('kim', 'kim@example.com'), ('anon:v1', NULL)`).run();
  return db;
}

/** A choice as the preference page stores it, at a given moment. */
async function choose(db: Db, customerId: string, topicId: string, subscribed: boolean, at: string): Promise<void> {
  await db.prepare('INSERT INTO customer_topic_subscriptions (customer_id, topic_id, subscribed, updated_at) VALUES (?, ?, ?, ?)').run(customerId, topicId, subscribed ? 1 : 0, at);
}

const standing = async (db: Db, customerId: string) => Object.fromEntries((await customerTopicStates(db, customerId)).map((state) => [state.topic.id, state.subscribed]));

describe('merging an anonymous visitor into a known customer keeps their subscription choices', () => {
  it('moves the visitor’s choices: the latest explicit choice per topic wins, at the same instant the opt-out', async () => {
    const db = await setup();
    await choose(db, 'anon:v1', 'news', false, T1); // only the visitor chose: their opt-out holds
    await choose(db, 'kim', 'offers', true, T1);
    await choose(db, 'anon:v1', 'offers', false, T2); // opted out later on the other device: out
    await choose(db, 'anon:v1', 'product', false, T1);
    await choose(db, 'kim', 'product', true, T2); // opted back in later as Kim: in
    await choose(db, 'anon:v1', 'tips', false, T1);
    await choose(db, 'kim', 'tips', true, T1); // the same instant: the opt-out wins
    await choose(db, 'anon:v1', 'digest', true, T1); // an opt-in to an opt-in topic follows too
    await mergeCustomerRows(db, 'anon:v1', 'kim');
    expect(await standing(db, 'kim')).toEqual({ news: false, offers: false, product: true, tips: false, digest: true, events: true });
    const explicit = (await customerTopicStates(db, 'kim')).filter((state) => state.explicit).map((state) => state.topic.id);
    expect(explicit.sort()).toEqual(['digest', 'news', 'offers', 'product', 'tips']);
    expect(await db.prepare(`SELECT count(*) FROM customer_topic_subscriptions WHERE customer_id = 'anon:v1'`).pluck().get()).toBe(0);
  });

  it('keeps an opt-out from everything made by either id', async () => {
    const db = await setup();
    await db.prepare(`UPDATE customers SET subscription = 'unsubscribed' WHERE id = 'anon:v1'`).run();
    await mergeCustomerRows(db, 'anon:v1', 'kim');
    expect(await db.prepare(`SELECT subscription FROM customers WHERE id = 'kim'`).pluck().get()).toBe('unsubscribed');
  });

  it('counts the visitor’s marketing sends against the known customer’s frequency cap', async () => {
    const db = await setup();
    const cap = { limit: 2, windowHours: 24 };
    const at = Date.parse(T1);
    const claim = async (customerId: string, key: string, atMs: number) =>
      await claimGovernedDelivery(
        db,
        { id: key, idempotencyKey: key, workflowId: `wf_${key}`, nodeId: 'send', journeyId: 'j1', customerId, templateId: 't1', messageId: `m_${key}` },
        { marketing: true, cap, whenCapped: 'hold', atMs, customerId },
      );
    expect((await claim('anon:v1', 'd1', at)).kind).toBe('claimed');
    expect((await claim('anon:v1', 'd2', at + 1000)).kind).toBe('claimed');
    await mergeCustomerRows(db, 'anon:v1', 'kim');
    expect(await countedMarketingSends(db, 'kim', at - 1)).toEqual([at, at + 1000]);
    // Two sends in the last 24 hours already reached the person: a third waits for the window.
    expect(await claim('kim', 'd3', at + 2000)).toMatchObject({ kind: 'held', counted: 2 });
  });
});
