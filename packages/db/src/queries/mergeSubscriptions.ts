import type { Db } from '../client';

/**
 * Moves `fromId`'s subscription choices to `intoId` when the two customers merge (call it once `intoId`'s row exists
 * and before `fromId`'s is deleted, which would take its choices with it).
 *
 * The rule, per topic both have chosen for: the LATEST explicit choice wins (a person who opted out on one device and
 * back in later on another meant the later); at the same instant the opt-out wins. A topic only `fromId` chose for
 * takes their choice; one only `intoId` chose for keeps theirs. The "from everything" opt-out carries no time, so
 * there the most restrictive wins: `intoId` is unsubscribed from everything when either was. An opt-out is never lost
 * to a merge that has no later opt-in to show for it.
 */
export async function mergeSubscriptions(db: Db, fromId: string, intoId: string): Promise<void> {
  await db
    .prepare(
      `INSERT INTO customer_topic_subscriptions (customer_id, topic_id, subscribed, updated_at)
       SELECT ?, topic_id, subscribed, updated_at FROM customer_topic_subscriptions WHERE customer_id = ?
       ON CONFLICT (customer_id, topic_id) DO UPDATE SET
         subscribed = CASE WHEN excluded.updated_at > customer_topic_subscriptions.updated_at THEN excluded.subscribed
                           WHEN excluded.updated_at < customer_topic_subscriptions.updated_at THEN customer_topic_subscriptions.subscribed
                           ELSE min(customer_topic_subscriptions.subscribed, excluded.subscribed) END,
         updated_at = max(customer_topic_subscriptions.updated_at, excluded.updated_at)`,
    )
    .run(intoId, fromId);
  await db.prepare('DELETE FROM customer_topic_subscriptions WHERE customer_id = ?').run(fromId);
  await db
    .prepare(`UPDATE customers SET subscription = 'unsubscribed' WHERE id = ? AND subscription <> 'unsubscribed' AND EXISTS (SELECT 1 FROM customers WHERE id = ? AND subscription = 'unsubscribed')`)
    .run(intoId, fromId);
}
