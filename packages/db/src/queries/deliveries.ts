import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { deliveries } from '../schema';

export type Delivery = typeof deliveries.$inferSelect;
export type NewDelivery = Omit<typeof deliveries.$inferInsert, 'status' | 'attempts' | 'createdAt'>;

/**
 * Creates the delivery as `pending` or, when its idempotency key exists, returns the stored one.
 * Either way `attempts` counts this call; `created` says whether the row is new.
 */
export function claimDelivery(db: Db, values: NewDelivery): { delivery: Delivery; created: boolean } {
  const delivery = db
    .insert(deliveries)
    .values({ ...values, status: 'pending', attempts: 1 })
    .onConflictDoUpdate({ target: deliveries.idempotencyKey, set: { attempts: sql`${deliveries.attempts} + 1` } })
    .returning()
    .get();
  return { delivery, created: delivery.attempts === 1 };
}

/** The delivery, or undefined. */
export function getDelivery(db: Db, id: string): Delivery | undefined {
  return db.select().from(deliveries).where(eq(deliveries.id, id)).get();
}

/** Every delivery a run made, oldest first. */
export function listDeliveriesForWorkflow(db: Db, workflowId: string): Delivery[] {
  return db.select().from(deliveries).where(eq(deliveries.workflowId, workflowId)).orderBy(asc(deliveries.createdAt)).all();
}

type DeliveryStatus = Delivery['status'];

function moveDelivery(db: Db, id: string, from: readonly DeliveryStatus[], set: Partial<typeof deliveries.$inferInsert>): Delivery | undefined {
  // Compare-and-set on the status: a retry never turns a sent email into a failed one, and two attempts never both send.
  return db
    .update(deliveries)
    .set(set)
    .where(and(eq(deliveries.id, id), inArray(deliveries.status, [...from])))
    .returning()
    .get();
}

/**
 * Marks a pending delivery `sending`: the SMTP server accepted the envelope and is about to receive the message.
 * `at` is kept in `sentAt` until the server answers. Undefined when the delivery was not pending (another attempt took it).
 */
export function markDeliverySending(db: Db, id: string, sending: { to: string; subject: string; at: string }): Delivery | undefined {
  return moveDelivery(db, id, ['pending'], { status: 'sending', to: sending.to, subject: sending.subject, sentAt: sending.at });
}

/**
 * Stores the rendered subject and bodies on a pending delivery so its run page can show what went out.
 * Leaves the status alone; undefined when the delivery was no longer pending.
 */
export function recordDeliveryMessage(db: Db, id: string, message: { subject: string; html: string; text: string | null }): Delivery | undefined {
  return moveDelivery(db, id, ['pending'], { subject: message.subject, html: message.html, text: message.text });
}

/** Puts a `sending` delivery back to pending: the SMTP server refused the message, so a retry may send it. */
export function releaseDelivery(db: Db, id: string): Delivery | undefined {
  return moveDelivery(db, id, ['sending'], { status: 'pending', sentAt: null });
}

/** Marks a `sending` delivery uncertain: nobody knows whether the server took it, so it is never sent again. */
export function markDeliveryUncertain(db: Db, id: string, reason: string): Delivery | undefined {
  return moveDelivery(db, id, ['sending'], { status: 'uncertain', error: reason });
}

/** Marks a delivery sent to `to` with `subject` (also one already given up as uncertain: the server's answer came after all). */
export function markDeliverySent(db: Db, id: string, sent: { to: string; subject: string; sentAt: string }): Delivery | undefined {
  return moveDelivery(db, id, ['pending', 'sending', 'uncertain'], { status: 'sent', to: sent.to, subject: sent.subject, sentAt: sent.sentAt, error: null });
}

/** Marks a pending or sending delivery failed for good; `error` says why. */
export function markDeliveryFailed(db: Db, id: string, error: string): Delivery | undefined {
  return moveDelivery(db, id, ['pending', 'sending'], { status: 'failed', error });
}

/** Marks a pending delivery skipped; the reason is kept in `error`. */
export function markDeliverySkipped(db: Db, id: string, reason: string): Delivery | undefined {
  return moveDelivery(db, id, ['pending'], { status: 'skipped', error: reason });
}

/** Records the first open; true only the first time (later opens change nothing). */
export function markDeliveryOpened(db: Db, id: string, at: string): boolean {
  return db.update(deliveries).set({ openedAt: at }).where(and(eq(deliveries.id, id), isNull(deliveries.openedAt))).run().changes > 0;
}

/** Records the first click; true only the first time. */
export function markDeliveryClicked(db: Db, id: string, at: string): boolean {
  return db.update(deliveries).set({ clickedAt: at }).where(and(eq(deliveries.id, id), isNull(deliveries.clickedAt))).run().changes > 0;
}
