import type { Db } from '../client';

async function all<T>(db: Db, sql: string, ...params: unknown[]): Promise<T[]> {
  return await db.prepare(sql).all<T>(...params);
}

/** A message sent (or skipped, or failed) to the customer, as their profile lists it. */
export type CustomerMessage = {
  id: string; journeyId: string | null; templateId: string | null; subject: string | null; to: string | null; status: string;
  sentAt: string | null; openedAt: string | null; clickedAt: string | null; createdAt: string;
};

/** The customer's newest messages, newest first. */
export async function messagesOf(db: Db, customerId: string, limit = 100): Promise<CustomerMessage[]> {
  return await all<CustomerMessage>(db, `select d.id, d.journey_id as journeyId, d.template_id as templateId, d.subject, d."to", d.status, d.sent_at as sentAt,
      d.opened_at as openedAt, d.clicked_at as clickedAt, d.created_at as createdAt
    from deliveries d where d.customer_id = ? order by d.created_at desc limit ?`, customerId, limit);
}

/** The offer codes the customer holds, newest first. */
export async function offersHeldBy(
  db: Db,
  customerId: string,
): Promise<{ offerId: string; name: string; code: string; grantedAt: string | null; expiresAt: string | null }[]> {
  return await all(db, `select o.id as offerId, o.name, c.code, c.granted_at as grantedAt, o.expires_at as expiresAt
    from offer_codes c join offers o on o.id = c.offer_id where c.customer_id = ? order by c.granted_at desc`, customerId);
}

/** A journey run of the customer and where it stands. */
export type CustomerRun = {
  workflowId: string; journeyId: string; journeyName: string | null; status: string; failedSteps: number; currentNodeId: string | null;
  waitingUntil: string | null; startedAt: string; endedAt: string | null;
};

/** The customer's newest journey runs, newest first. */
export async function runsOf(db: Db, customerId: string, limit = 100): Promise<CustomerRun[]> {
  return await all<CustomerRun>(db, `select r.workflow_id as workflowId, r.journey_id as journeyId, j.name as journeyName, r.status, r.failed_steps as failedSteps, r.current_node_id as currentNodeId,
      r.waiting_until as waitingUntil, r.started_at as startedAt, r.ended_at as endedAt
    from runs r left join journeys j on j.id = r.journey_id where r.customer_id = ? order by r.started_at desc limit ?`, customerId, limit);
}

/** Marks a customer suppressed (never messaged again) or lifts it; false when there is no such customer. */
export async function markSuppressed(db: Db, customerId: string, suppressed: boolean): Promise<boolean> {
  const sql = `update customers set suppressed = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`;
  return (await db.prepare(sql).run(suppressed ? 1 : 0, customerId)).changes > 0;
}
