import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../client';
import { mergeCustomerRows } from './customerProfile';
import { countedMarketingSends, claimGovernedDelivery } from './governedClaim';
import { customerTopicStates } from './topicSubscriptions';
import { insertTopic } from './topics';

const T1 = '2026-03-01T10:00:00.000Z';
const T2 = '2026-03-02T10:00:00.000Z';

function setup(): Db {
  const db = openDatabase(':memory:');
  for (const [id, defaultSubscribed] of [['news', true], ['offers', true], ['product', true], ['tips', true], ['digest', false], ['events', true]] as const) {
    insertTopic(db, { id, name: id, description: null, defaultSubscribed });
  }
  db.$client.prepare(`INSERT INTO customers (id, email) VALUES ('kim', 'kim@example.com'), ('anon:v1', NULL)`).run();
  return db;
}

/** A choice as the preference page stores it, at a given moment. */
function choose(db: Db, customerId: string, topicId: string, subscribed: boolean, at: string): void {
  db.$client.prepare('INSERT INTO customer_topic_subscriptions (customer_id, topic_id, subscribed, updated_at) VALUES (?, ?, ?, ?)').run(customerId, topicId, subscribed ? 1 : 0, at);
}

const standing = (db: Db, customerId: string) => Object.fromEntries(customerTopicStates(db, customerId).map((state) => [state.topic.id, state.subscribed]));

describe('merging an anonymous visitor into a known customer keeps their subscription choices', () => {
  it('moves the visitor’s choices: the latest explicit choice per topic wins, at the same instant the opt-out', () => {
    const db = setup();
    choose(db, 'anon:v1', 'news', false, T1); // only the visitor chose: their opt-out holds
    choose(db, 'kim', 'offers', true, T1);
    choose(db, 'anon:v1', 'offers', false, T2); // opted out later on the other device: out
    choose(db, 'anon:v1', 'product', false, T1);
    choose(db, 'kim', 'product', true, T2); // opted back in later as Kim: in
    choose(db, 'anon:v1', 'tips', false, T1);
    choose(db, 'kim', 'tips', true, T1); // the same instant: the opt-out wins
    choose(db, 'anon:v1', 'digest', true, T1); // an opt-in to an opt-in topic follows too
    mergeCustomerRows(db, 'anon:v1', 'kim');
    expect(standing(db, 'kim')).toEqual({ news: false, offers: false, product: true, tips: false, digest: true, events: true });
    const explicit = customerTopicStates(db, 'kim').filter((state) => state.explicit).map((state) => state.topic.id);
    expect(explicit.sort()).toEqual(['digest', 'news', 'offers', 'product', 'tips']);
    expect(db.$client.prepare(`SELECT count(*) FROM customer_topic_subscriptions WHERE customer_id = 'anon:v1'`).pluck().get()).toBe(0);
  });

  it('keeps an opt-out from everything made by either id', () => {
    const db = setup();
    db.$client.prepare(`UPDATE customers SET subscription = 'unsubscribed' WHERE id = 'anon:v1'`).run();
    mergeCustomerRows(db, 'anon:v1', 'kim');
    expect(db.$client.prepare(`SELECT subscription FROM customers WHERE id = 'kim'`).pluck().get()).toBe('unsubscribed');
  });

  it('counts the visitor’s marketing sends against the known customer’s frequency cap', () => {
    const db = setup();
    const cap = { limit: 2, windowHours: 24 };
    const at = Date.parse(T1);
    const claim = (customerId: string, key: string, atMs: number) =>
      claimGovernedDelivery(
        db,
        { id: key, idempotencyKey: key, workflowId: `wf_${key}`, nodeId: 'send', journeyId: 'j1', customerId, templateId: 't1', messageId: `m_${key}` },
        { marketing: true, cap, whenCapped: 'hold', atMs, customerId },
      );
    expect(claim('anon:v1', 'd1', at).kind).toBe('claimed');
    expect(claim('anon:v1', 'd2', at + 1000).kind).toBe('claimed');
    mergeCustomerRows(db, 'anon:v1', 'kim');
    expect(countedMarketingSends(db, 'kim', at - 1)).toEqual([at, at + 1000]);
    // Two sends in the last 24 hours already reached the person: a third waits for the window.
    expect(claim('kim', 'd3', at + 2000)).toMatchObject({ kind: 'held', counted: 2 });
  });
});
