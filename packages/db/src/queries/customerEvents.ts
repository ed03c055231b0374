import type { Db } from '../client';

/** Where a page of events ends: events are ordered newest first by (timestamp, id), which no two events share. */
export type EventKey = { timestamp: string; id: string };

/** One customer's events, newest first, strictly older than `before`; optionally only those named `name`. */
export type EventPageFilter = { customerId: string; name?: string; before?: EventKey; limit: number };

/** An event as the customer pages show it. */
export type CustomerEvent = {
  id: string;
  type: string;
  name: string | null;
  properties: Record<string, unknown>;
  traits: Record<string, unknown> | null;
  timestamp: string;
  receivedAt: string;
};

type Row = Omit<CustomerEvent, 'properties' | 'traits'> & { properties: string; traits: string | null };

function pageQuery(filter: EventPageFilter): { text: string; params: unknown[] } {
  const where = ['customer_id = ?'];
  const params: unknown[] = [filter.customerId];
  if (filter.name !== undefined) {
    where.push('name = ?');
    params.push(filter.name);
  }
  if (filter.before) {
    // A row-value comparison, so SQLite seeks the (customer_id, timestamp, id) index to the cursor.
    where.push('(timestamp, id) < (?, ?)');
    params.push(filter.before.timestamp, filter.before.id);
  }
  const text = `select id, type, name, properties, traits, timestamp, received_at as receivedAt from events
    where ${where.join(' and ')} order by timestamp desc, id desc limit ?`;
  return { text, params: [...params, filter.limit] };
}

/**
 * A page of a customer's events, newest first (keyset paging: every page costs the same however far
 * back it is, and an event stored meanwhile never shifts or repeats one already shown).
 */
export async function customerEventsPage(db: Db, filter: EventPageFilter): Promise<CustomerEvent[]> {
  const query = pageQuery(filter);
  return ((await db.prepare(query.text).all<Row>(...query.params))).map((row) => ({
    ...row,
    properties: JSON.parse(row.properties) as Record<string, unknown>,
    traits: row.traits ? (JSON.parse(row.traits) as Record<string, unknown>) : null,
  }));
}

/** The query plan of customerEventsPage (the index test reads it). */
export async function explainCustomerEventsPage(db: Db, filter: EventPageFilter): Promise<string[]> {
  const query = pageQuery(filter);
  return ((await db.prepare(`explain query plan ${query.text}`).all<{ detail: string }>(...query.params))).map((row) => row.detail);
}
