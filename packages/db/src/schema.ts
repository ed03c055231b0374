import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Timestamps are ISO-8601 UTC strings; JSON columns are parsed with their zod schema when read. */
const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const customers = sqliteTable(
  'customers',
  {
    id: text('id').primaryKey(),
    email: text('email'),
    traits: text('traits', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    lifecycleStage: text('lifecycle_stage'),
    subscription: text('subscription', { enum: ['subscribed', 'unsubscribed'] }).notNull().default('subscribed'),
    suppressed: integer('suppressed', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [index('customers_email').on(t.email), index('customers_stage').on(t.lifecycleStage)],
);

/** Every event the API accepted, stored before it answers; `dispatchedAt` is set once journeys have seen it. */
export const events = sqliteTable(
  'events',
  {
    id: text('id').primaryKey(),
    messageId: text('message_id').notNull(),
    writeKeyId: text('write_key_id'),
    type: text('type', { enum: ['track', 'identify', 'page', 'screen', 'group', 'alias', 'internal'] }).notNull(),
    name: text('name'),
    customerId: text('customer_id'),
    anonymousId: text('anonymous_id'),
    properties: text('properties', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    traits: text('traits', { mode: 'json' }).$type<Record<string, unknown>>(),
    context: text('context', { mode: 'json' }).$type<Record<string, unknown>>(),
    timestamp: text('timestamp').notNull(),
    receivedAt: text('received_at').notNull().default(now),
    dispatchedAt: text('dispatched_at'),
    dispatchError: text('dispatch_error'),
  },
  (t) => [
    uniqueIndex('events_message_id').on(t.messageId),
    index('events_customer').on(t.customerId, t.receivedAt),
    // Keyset paging of a customer's events, newest first (GET /api/customers/:id/events).
    index('events_customer_time').on(t.customerId, t.timestamp, t.id),
    index('events_undispatched').on(t.dispatchedAt, t.receivedAt),
  ],
);

export const templates = sqliteTable('templates', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  subject: text('subject').notNull(),
  html: text('html').notNull(),
  text: text('text'),
  createdAt: text('created_at').notNull().default(now),
  updatedAt: text('updated_at').notNull().default(now),
});

export const offers = sqliteTable('offers', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description'),
  /** `pool`: codes uploaded in advance; `generated`: made on grant as `<prefix>-<random>`. */
  codeSource: text('code_source', { enum: ['pool', 'generated'] }).notNull(),
  codePrefix: text('code_prefix'),
  expiresAt: text('expires_at'),
  createdAt: text('created_at').notNull().default(now),
  /** `percent` (value 0–100) or `amount` (value in `discountCurrency`); null when the offer names no discount. */
  discountKind: text('discount_kind', { enum: ['percent', 'amount'] }),
  discountValue: real('discount_value'),
  /** ISO 4217 code of an `amount` discount. */
  discountCurrency: text('discount_currency'),
});

export const offerCodes = sqliteTable(
  'offer_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    offerId: text('offer_id').notNull().references(() => offers.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    customerId: text('customer_id'),
    workflowId: text('workflow_id'),
    nodeId: text('node_id'),
    grantedAt: text('granted_at'),
    /** When the customer used the code (an `offer_redeemed` event or the redemption API). */
    redeemedAt: text('redeemed_at'),
  },
  (t) => [
    uniqueIndex('offer_codes_code').on(t.offerId, t.code),
    uniqueIndex('offer_codes_grant').on(t.workflowId, t.nodeId),
    index('offer_codes_free').on(t.offerId, t.grantedAt),
  ],
);

export const journeys = sqliteTable('journeys', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  lifecycleStage: text('lifecycle_stage'),
  /** The draft graph as the canvas saved it (a JourneyDraft); may be incomplete. */
  draft: text('draft', { mode: 'json' }).$type<unknown>().notNull(),
  status: text('status', { enum: ['draft', 'live', 'paused', 'archived'] }).notNull().default('draft'),
  liveVersionId: text('live_version_id'),
  /** Bumped by every save of the draft (or name/stage): a save based on an older revision is refused, not merged. */
  revision: integer('revision').notNull().default(1),
  /** Set while archived: hidden from the default list and takes no new entries; runs in flight carry on. */
  archivedAt: text('archived_at'),
  createdAt: text('created_at').notNull().default(now),
  updatedAt: text('updated_at').notNull().default(now),
});

/** An immutable published snapshot; runs pin one of these. */
export const journeyVersions = sqliteTable(
  'journey_versions',
  {
    id: text('id').primaryKey(),
    journeyId: text('journey_id').notNull().references(() => journeys.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    graph: text('graph', { mode: 'json' }).$type<unknown>().notNull(),
    triggerEvent: text('trigger_event').notNull(),
    publishedAt: text('published_at').notNull().default(now),
  },
  (t) => [uniqueIndex('journey_versions_number').on(t.journeyId, t.version), index('journey_versions_trigger').on(t.triggerEvent)],
);

/** One row per workflow: the admin's source of truth, kept after Temporal forgets closed runs. */
export const runs = sqliteTable(
  'runs',
  {
    workflowId: text('workflow_id').primaryKey(),
    journeyId: text('journey_id').notNull(),
    versionId: text('version_id').notNull(),
    customerId: text('customer_id').notNull(),
    triggerEventId: text('trigger_event_id'),
    status: text('status', { enum: ['running', 'waiting', 'completed', 'failed', 'cancelled', 'converted'] }).notNull(),
    currentNodeId: text('current_node_id'),
    waitingUntil: text('waiting_until'),
    error: text('error'),
    /** Steps whose side effect failed for good (a send that failed): the run may still end `completed`. */
    failedSteps: integer('failed_steps').notNull().default(0),
    startedAt: text('started_at').notNull(),
    endedAt: text('ended_at'),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    index('runs_customer').on(t.customerId, t.status),
    index('runs_journey').on(t.journeyId, t.status, t.startedAt),
    index('runs_started').on(t.startedAt),
  ],
);

export const runSteps = sqliteTable(
  'run_steps',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workflowId: text('workflow_id').notNull(),
    seq: integer('seq').notNull(),
    nodeId: text('node_id').notNull(),
    nodeType: text('node_type').notNull(),
    enteredAt: text('entered_at').notNull(),
    leftAt: text('left_at'),
    outcome: text('outcome'),
    exit: text('exit'),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
    failed: integer('failed', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [uniqueIndex('run_steps_seq').on(t.workflowId, t.seq), index('run_steps_node').on(t.nodeId)],
);

/** One row per email a run meant to send, written before SMTP is called (the idempotency record). */
export const deliveries = sqliteTable(
  'deliveries',
  {
    id: text('id').primaryKey(),
    idempotencyKey: text('idempotency_key').notNull(),
    workflowId: text('workflow_id').notNull(),
    nodeId: text('node_id').notNull(),
    journeyId: text('journey_id'),
    customerId: text('customer_id').notNull(),
    templateId: text('template_id').notNull(),
    to: text('to'),
    subject: text('subject'),
    // The rendered message before tracking is added, so showing it on the run page does not count as an open.
    html: text('html'),
    text: text('text'),
    messageId: text('message_id').notNull(),
    // pending → sending (the SMTP server is receiving the message) → sent | failed; a retry that finds `sending` makes it `uncertain`.
    status: text('status', { enum: ['pending', 'sending', 'sent', 'skipped', 'failed', 'uncertain'] }).notNull(),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: text('created_at').notNull().default(now),
    sentAt: text('sent_at'),
    openedAt: text('opened_at'),
    clickedAt: text('clicked_at'),
  },
  (t) => [
    uniqueIndex('deliveries_idempotency').on(t.idempotencyKey),
    index('deliveries_customer').on(t.customerId, t.createdAt),
    index('deliveries_workflow').on(t.workflowId),
  ],
);

/** Keys for the event API. Only a SHA-256 of the key is stored; `prefix` lets people tell keys apart. */
export const writeKeys = sqliteTable(
  'write_keys',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdAt: text('created_at').notNull().default(now),
    revokedAt: text('revoked_at'),
  },
  (t) => [uniqueIndex('write_keys_hash').on(t.keyHash)],
);
