import type { AnalyticsSettings } from '@lifecycle/journey';
import { sql, type SQL } from 'drizzle-orm';
import type { RawStatement } from '../access/rawStatement';
import type { Db } from '../client';
import type { AnalyticsEvent } from './rollupEvent';
import { preparedPerDb } from '../preparedPerDb';

const MAX_CHANNEL_LENGTH = 200;

// Prepared once per database: this runs for every stored event. The WHERE makes the usual case (a later event, the
// channel already known) a read: an update that changes nothing would still dirty the row's page for the commit.
const upsertFacts = preparedPerDb(
  (db): RawStatement =>
    db.prepare(
      `INSERT INTO customer_facts (customer_id, first_seen_at, channel, channel_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (customer_id) DO UPDATE SET
         first_seen_at = min(customer_facts.first_seen_at, excluded.first_seen_at),
         channel = CASE WHEN excluded.channel IS NOT NULL AND (customer_facts.channel_at IS NULL OR excluded.channel_at < customer_facts.channel_at) THEN excluded.channel ELSE customer_facts.channel END,
         channel_at = CASE WHEN excluded.channel IS NOT NULL AND (customer_facts.channel_at IS NULL OR excluded.channel_at < customer_facts.channel_at) THEN excluded.channel_at ELSE customer_facts.channel_at END
       WHERE excluded.first_seen_at < customer_facts.first_seen_at OR (excluded.channel IS NOT NULL AND (customer_facts.channel_at IS NULL OR excluded.channel_at < customer_facts.channel_at))`,
    ),
);

/**
 * The channel an event names: the channel trait (identify), the same key among the properties (a page view's
 * `utm_source`), or Segment's `context.campaign.source` when the trait is the UTM source.
 */
export function channelOf(settings: AnalyticsSettings, event: AnalyticsEvent): string | null {
  const key = settings.channelTrait;
  const campaign = key === 'utm_source' ? (event.context?.campaign as Record<string, unknown> | undefined)?.source : undefined;
  const value = event.traits?.[key] ?? event.properties[key] ?? campaign;
  if (typeof value !== 'string' || value.trim() === '') return null;
  return value.trim().slice(0, MAX_CHANNEL_LENGTH);
}

/** Moves first-seen back and the first-touch channel to the earliest event that named one. */
export async function recordCustomerFacts(db: Db, settings: AnalyticsSettings, event: AnalyticsEvent): Promise<void> {
  const channel = channelOf(settings, event);
  await upsertFacts(db).run(event.customerId, event.timestamp, channel, channel === null ? null : event.timestamp);
}

/** A customer's facts, or undefined before their first event. */
export async function customerFactsOf(db: Db, customerId: string): Promise<{ firstSeenAt: string; channel: string | null } | undefined> {
  return await db.prepare('SELECT first_seen_at AS firstSeenAt, channel FROM customer_facts WHERE customer_id = ?').get<{ firstSeenAt: string; channel: string | null }>(customerId);
}

/**
 * Every channel seen, most customers first (the channel picker). Read from the first-seen counters of the unfiltered
 * segment scope (customer_scope_first_seen, migration 0029: a row per channel and day) rather than counting
 * customer_facts, which reads every customer at 1M; a channel whose customers all moved to an earlier touch keeps
 * rows summing to 0 and is left out.
 */
export async function analyticsChannels(db: Db, limit = 200): Promise<{ channel: string; customers: number }[]> {
  return await db
    .prepare(
      `SELECT channel, sum(customers) AS customers FROM customer_scope_first_seen WHERE segment_id = '' AND channel <> ''
       GROUP BY channel HAVING sum(customers) > 0 ORDER BY customers DESC, channel LIMIT ?`,
    )
    .all<{ channel: string; customers: number }>(limit);
}

/**
 * The segment and channel filters every analytics figure takes, as a condition on a customer id column:
 * `sql\`... WHERE ${customerFilter(sql\`h.customer_id\`, filter)}\``. Always true when neither is set.
 *
 * Written as `IN (subquery)` rather than a correlated EXISTS so SQLite may walk the (smaller) set of matching
 * customers and probe the figure's table by customer id, instead of probing the filter once per row of the figure's
 * table (at a million customers the difference is seconds); both subqueries are covered by an index.
 */
export function customerFilter(customerId: SQL, filter: { segmentId: string | null; channel: string | null }): SQL {
  const parts: SQL[] = [sql`1 = 1`];
  if (filter.segmentId !== null) parts.push(sql`${customerId} IN (SELECT m.customer_id FROM segment_memberships m WHERE m.segment_id = ${filter.segmentId})`);
  if (filter.channel !== null) parts.push(sql`${customerId} IN (SELECT f.customer_id FROM customer_facts f WHERE f.channel = ${filter.channel})`);
  return sql.join(parts, sql` AND `);
}
