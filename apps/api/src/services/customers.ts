import { z } from 'zod';
import { deleteCustomerRows, getCustomer, listCustomers, membershipsOf, stageHistoryOf, type Db } from '@lifecycle/db';
import { HttpError } from '../errors';
import type { RunStarter } from '../runStarter';

/** GET /api/customers query: search, filters and a keyset cursor (the last id of the previous page). */
export const CustomerQuery = z.object({
  q: z.string().max(200).optional(),
  stage: z.string().max(64).optional(),
  segmentId: z.string().max(200).optional(),
  /** `key=value`: customers whose trait `key` equals `value`. */
  trait: z.string().max(400).regex(/^[^=]+=.*$/, 'write it as key=value').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type CustomerQuery = z.infer<typeof CustomerQuery>;

/** A page of customers and the cursor of the next (null on the last page). */
export function pageOfCustomers(db: Db, query: CustomerQuery) {
  const [traitKey, ...rest] = query.trait ? query.trait.split('=') : [];
  const rows = listCustomers(db, {
    q: query.q || undefined,
    stage: query.stage || undefined,
    segmentId: query.segmentId || undefined,
    traitKey: traitKey || undefined,
    traitValue: rest.join('='),
    after: query.cursor,
    limit: query.limit + 1,
  });
  const customers = rows.slice(0, query.limit);
  return { customers, nextCursor: rows.length > query.limit ? (customers.at(-1)?.id ?? null) : null };
}

function all<T>(db: Db, sql: string, ...params: unknown[]): T[] {
  return db.$client.prepare(sql).all(...params) as T[];
}

/** Everything the profile page shows about one customer; 404 when there is no such customer. */
export function customerProfile(db: Db, id: string) {
  const customer = getCustomer(db, id);
  if (!customer) throw new HttpError(404, 'not_found', `no customer ${id}`);
  const segmentNames = new Map(all<{ id: string; name: string }>(db, 'select id, name from segments').map((s) => [s.id, s.name]));
  return {
    customer,
    stageHistory: stageHistoryOf(db, id),
    segments: membershipsOf(db, id).map((m) => ({ ...m, name: segmentNames.get(m.segmentId) ?? m.segmentId })),
    events: all(db, `select id, type, name, properties, traits, timestamp, received_at as receivedAt from events where customer_id = ? order by received_at desc, id desc limit 100`, id).map(
      (row) => {
        const event = row as { properties: string; traits: string | null };
        return { ...event, properties: JSON.parse(event.properties) as unknown, traits: event.traits ? (JSON.parse(event.traits) as unknown) : null };
      },
    ),
    messages: all(db, `select d.id, d.journey_id as journeyId, d.template_id as templateId, d.subject, d."to", d.status, d.sent_at as sentAt, d.opened_at as openedAt, d.clicked_at as clickedAt, d.created_at as createdAt
      from deliveries d where d.customer_id = ? order by d.created_at desc limit 100`, id),
    offers: all(db, `select o.id as offerId, o.name, c.code, c.granted_at as grantedAt, o.expires_at as expiresAt from offer_codes c join offers o on o.id = c.offer_id where c.customer_id = ? order by c.granted_at desc`, id),
    runs: all(db, `select r.workflow_id as workflowId, r.journey_id as journeyId, j.name as journeyName, r.status, r.failed_steps as failedSteps, r.current_node_id as currentNodeId, r.waiting_until as waitingUntil, r.started_at as startedAt, r.ended_at as endedAt
      from runs r left join journeys j on j.id = r.journey_id where r.customer_id = ? order by r.started_at desc limit 100`, id),
  };
}

/**
 * Deletes a customer and all their data, after cancelling their active runs in Temporal (so no run
 * sends to them afterwards). When Temporal cannot be reached nothing is deleted: 503, try again.
 */
export async function deleteCustomer(db: Db, temporal: RunStarter, id: string): Promise<{ cancelledRuns: number }> {
  if (!getCustomer(db, id)) throw new HttpError(404, 'not_found', `no customer ${id}`);
  const active = all<{ workflowId: string }>(db, `select workflow_id as workflowId from runs where customer_id = ? and status in ('running', 'waiting')`, id);
  let cancelledRuns = 0;
  for (const run of active) {
    try {
      if ((await temporal.cancel?.(run.workflowId)) === 'cancelled') cancelledRuns += 1;
    } catch (error) {
      throw new HttpError(503, 'temporal_unavailable', `could not cancel run ${run.workflowId}; nothing was deleted: ${(error as Error).message}`);
    }
  }
  db.$client.transaction(() => deleteCustomerRows(db, id)).immediate();
  return { cancelledRuns };
}

/** Marks a customer suppressed (never messaged again; the worker's sendEmail skips them) or lifts it. */
export function setSuppressed(db: Db, id: string, suppressed: boolean) {
  const changed = db.$client.prepare(`update customers set suppressed = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`).run(suppressed ? 1 : 0, id).changes;
  if (changed === 0) throw new HttpError(404, 'not_found', `no customer ${id}`);
  return getCustomer(db, id);
}
