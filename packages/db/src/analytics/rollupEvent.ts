import type { Facts } from '@lifecycle/journey';

/** A stored event as the analytics rollups see it (ingested, or observed by the API: opens, clicks, survey answers). */
export type AnalyticsEvent = {
  id: string;
  type: 'track' | 'identify' | 'page' | 'screen' | 'group' | 'alias' | 'internal';
  name: string | null;
  customerId: string;
  properties: Record<string, unknown>;
  traits: Record<string, unknown> | null;
  /** Segment's context (campaign, page, device), when the message carried one. */
  context?: Record<string, unknown> | null;
  /** The event's own time (ISO-8601 UTC): every figure counts by it, so backfilled history lands in its period. */
  timestamp: string;
  /** The customer as the event found them, when counted later than stored (kept for goal events: goal conditions). */
  customerAtStore?: Facts['customer'] | null;
};

/** An `events` row as read back for the hooks (JSON columns as stored). */
export type StoredEventRow = {
  id: string;
  type: AnalyticsEvent['type'];
  name: string | null;
  customer_id: string;
  properties: string;
  traits: string | null;
  context: string | null;
  timestamp: string;
  /** `analytics_pending.customer` when read from the queue (JSON), else absent. */
  customer?: string | null;
};

/** The columns `StoredEventRow` reads, for `SELECT ${STORED_EVENT_COLUMNS} FROM events …`. */
export const STORED_EVENT_COLUMNS = 'id, type, name, customer_id, properties, traits, context, timestamp';

export function analyticsEventOfRow(row: StoredEventRow, customerId = row.customer_id): AnalyticsEvent {
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    customerId,
    properties: JSON.parse(row.properties) as Record<string, unknown>,
    traits: row.traits === null ? null : (JSON.parse(row.traits) as Record<string, unknown>),
    context: row.context === null ? null : (JSON.parse(row.context) as Record<string, unknown>),
    timestamp: row.timestamp,
    ...(row.customer ? { customerAtStore: JSON.parse(row.customer) as Facts['customer'] } : {}),
  };
}
