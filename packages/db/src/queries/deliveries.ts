import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { deliveries } from '../schema';
import { builtStatement, queryBuilder } from '../access/builtStatement';

export type Delivery = typeof deliveries.$inferSelect;
export type NewDelivery = Omit<typeof deliveries.$inferInsert, 'status' | 'attempts' | 'createdAt'>;

/** A new delivery's columns as the named parameters of the prepared inserts below (absent ones null). */
function newDeliveryParameters(values: NewDelivery) {
  return {
    id: values.id,
    idempotencyKey: values.idempotencyKey,
    workflowId: values.workflowId,
    nodeId: values.nodeId,
    journeyId: values.journeyId ?? null,
    customerId: values.customerId,
    templateId: values.templateId,
    to: values.to ?? null,
    subject: values.subject ?? null,
    html: values.html ?? null,
    text: values.text ?? null,
    messageId: values.messageId,
    error: values.error ?? null,
    sentAt: values.sentAt ?? null,
    openedAt: values.openedAt ?? null,
    clickedAt: values.clickedAt ?? null,
  };
}

/** Each column of a new delivery a named parameter; `status` too when the insert does not fix it. */
function newDeliveryColumns() {
  return {
    id: sql.placeholder('id'),
    idempotencyKey: sql.placeholder('idempotencyKey'),
    workflowId: sql.placeholder('workflowId'),
    nodeId: sql.placeholder('nodeId'),
    journeyId: sql.placeholder('journeyId'),
    customerId: sql.placeholder('customerId'),
    templateId: sql.placeholder('templateId'),
    to: sql.placeholder('to'),
    subject: sql.placeholder('subject'),
    html: sql.placeholder('html'),
    text: sql.placeholder('text'),
    messageId: sql.placeholder('messageId'),
    error: sql.placeholder('error'),
    attempts: 1,
    sentAt: sql.placeholder('sentAt'),
    openedAt: sql.placeholder('openedAt'),
    clickedAt: sql.placeholder('clickedAt'),
  };
}

/**
 * Creates the delivery as `pending` or, when its idempotency key exists, returns the stored one.
 * Either way `attempts` counts this call; `created` says whether the row is new.
 */
export async function claimDelivery(db: Db, values: NewDelivery): Promise<{ delivery: Delivery; created: boolean }> {
  const delivery = await claimStatement.get(db, newDeliveryParameters(values));
  if (!delivery) throw new Error(`claiming delivery ${values.id} returned no row`);
  return { delivery, created: delivery.attempts === 1 };
}

// Rendered once (every send claims its delivery first).
const claimStatement = builtStatement<Delivery>(
  queryBuilder
    .insert(deliveries)
    .values({ ...newDeliveryColumns(), status: 'pending' })
    // The target by its bare name: SQLite's rendering qualifies a column (`"deliveries"."idempotency_key"`), which
    // Postgres refuses in a conflict target.
    .onConflictDoUpdate({ target: sql`${sql.identifier(deliveries.idempotencyKey.name)}`, set: { attempts: sql`${deliveries.attempts} + 1` } })
    .returning(),
  deliveries,
);

const insertStatement = builtStatement<Delivery>(
  queryBuilder
    .insert(deliveries)
    .values({ ...newDeliveryColumns(), status: sql`${sql.placeholder('status')}` })
    .returning(),
  deliveries,
);

/** Stores a delivery that is known to be new (its key was checked in the same transaction), counted as one attempt. */
export async function insertNewDelivery(db: Db, values: NewDelivery, status: 'pending' | 'skipped'): Promise<Delivery> {
  const delivery = await insertStatement.get(db, { ...newDeliveryParameters(values), status });
  if (!delivery) throw new Error(`storing delivery ${values.id} returned no row`);
  return delivery;
}

const resumeStatement = builtStatement<Delivery>(
  queryBuilder
    .update(deliveries)
    .set({ attempts: sql`${deliveries.attempts} + 1` })
    .where(eq(deliveries.idempotencyKey, sql.placeholder('idempotencyKey')))
    .returning(),
  deliveries,
);

/** Bumps and returns the delivery stored under an idempotency key, if an earlier attempt made one. */
export async function resumeDelivery(db: Db, idempotencyKey: string): Promise<Delivery | undefined> {
  return await resumeStatement.get(db, { idempotencyKey });
}

/** The delivery, or undefined. */
export async function getDelivery(db: Db, id: string): Promise<Delivery | undefined> {
  return (await db.select().from(deliveries).where(eq(deliveries.id, id)).limit(1))[0];
}

/** Every delivery a run made, oldest first. */
export async function listDeliveriesForWorkflow(db: Db, workflowId: string): Promise<Delivery[]> {
  return await db.select().from(deliveries).where(eq(deliveries.workflowId, workflowId)).orderBy(asc(deliveries.createdAt), asc(deliveries.id));
}

type DeliveryStatus = Delivery['status'];
type DeliveryUpdate = Partial<Record<keyof typeof deliveries.$inferInsert, unknown>>;

/**
 * One prepared compare-and-set per transition: the status moves only from `from`, so a retry never turns a sent email
 * into a failed one and two attempts never both send. Rendered once (builtStatement), because a send makes four of
 * these moves and building the statement cost more than running it. `fixed` are constants of the move; the other columns it
 * sets come from the named parameters of each call.
 */
function deliveryMove<P extends Record<string, string | null>>(
  from: readonly DeliveryStatus[],
  fixed: DeliveryUpdate,
  parameters: readonly (keyof P & keyof typeof deliveries.$inferInsert)[],
): (db: Db, id: string, values: P) => Promise<Delivery | undefined> {
  const set: Record<string, unknown> = { ...fixed };
  for (const name of parameters) set[name] = sql`${sql.placeholder(name)}`;
  const statement = builtStatement<Delivery>(
    queryBuilder
      .update(deliveries)
      .set(set)
      .where(and(eq(deliveries.id, sql.placeholder('id')), inArray(deliveries.status, [...from])))
      .returning(),
    deliveries,
  );
  return async (db, id, values) => await statement.get(db, { ...values, id });
}

const toSending = deliveryMove<{ to: string; subject: string; sentAt: string }>(['pending'], { status: 'sending' }, ['to', 'subject', 'sentAt']);
const storeMessage = deliveryMove<{ subject: string; html: string; text: string | null }>(['pending'], {}, ['subject', 'html', 'text']);
const toPending = deliveryMove<Record<never, never>>(['sending'], { status: 'pending', sentAt: null }, []);
const toUncertain = deliveryMove<{ error: string }>(['sending'], { status: 'uncertain' }, ['error']);
const toSent = deliveryMove<{ to: string; subject: string; sentAt: string }>(['pending', 'sending', 'uncertain'], { status: 'sent', error: null }, ['to', 'subject', 'sentAt']);
const toFailed = deliveryMove<{ error: string }>(['pending', 'sending'], { status: 'failed' }, ['error']);
const toSkipped = deliveryMove<{ error: string }>(['pending'], { status: 'skipped' }, ['error']);

/**
 * Marks a pending delivery `sending`: the SMTP server accepted the envelope and is about to receive the message.
 * `at` is kept in `sentAt` until the server answers. Undefined when the delivery was not pending (another attempt took it).
 */
export async function markDeliverySending(db: Db, id: string, sending: { to: string; subject: string; at: string }): Promise<Delivery | undefined> {
  return await toSending(db, id, { to: sending.to, subject: sending.subject, sentAt: sending.at });
}

/**
 * Stores the rendered subject and bodies on a pending delivery so its run page can show what went out.
 * Leaves the status alone; undefined when the delivery was no longer pending.
 */
export async function recordDeliveryMessage(db: Db, id: string, message: { subject: string; html: string; text: string | null }): Promise<Delivery | undefined> {
  return await storeMessage(db, id, { subject: message.subject, html: message.html, text: message.text });
}

/** Puts a `sending` delivery back to pending: the SMTP server refused the message, so a retry may send it. */
export async function releaseDelivery(db: Db, id: string): Promise<Delivery | undefined> {
  return await toPending(db, id, {});
}

/** Marks a `sending` delivery uncertain: nobody knows whether the server took it, so it is never sent again. */
export async function markDeliveryUncertain(db: Db, id: string, reason: string): Promise<Delivery | undefined> {
  return await toUncertain(db, id, { error: reason });
}

/** Marks a delivery sent to `to` with `subject` (also one already given up as uncertain: the server's answer came after all). */
export async function markDeliverySent(db: Db, id: string, sent: { to: string; subject: string; sentAt: string }): Promise<Delivery | undefined> {
  return await toSent(db, id, { to: sent.to, subject: sent.subject, sentAt: sent.sentAt });
}

/** Marks a pending or sending delivery failed for good; `error` says why. */
export async function markDeliveryFailed(db: Db, id: string, error: string): Promise<Delivery | undefined> {
  return await toFailed(db, id, { error });
}

/** Marks a pending delivery skipped; the reason is kept in `error`. */
export async function markDeliverySkipped(db: Db, id: string, reason: string): Promise<Delivery | undefined> {
  return await toSkipped(db, id, { error: reason });
}

/** Records the first open; true only the first time (later opens change nothing). */
export async function markDeliveryOpened(db: Db, id: string, at: string): Promise<boolean> {
  return (await db.run(db.update(deliveries).set({ openedAt: at }).where(and(eq(deliveries.id, id), isNull(deliveries.openedAt))))).changes > 0;
}

/** Records the first click; true only the first time. */
export async function markDeliveryClicked(db: Db, id: string, at: string): Promise<boolean> {
  return (await db.run(db.update(deliveries).set({ clickedAt: at }).where(and(eq(deliveries.id, id), isNull(deliveries.clickedAt))))).changes > 0;
}
