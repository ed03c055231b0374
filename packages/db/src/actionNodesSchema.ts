import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

/** A workspace secret webhook nodes name; `ciphertext` is AES-256-GCM (see secretBox.ts), never returned. */
export const workspaceSecrets = sqliteTable('workspace_secrets', {
  name: text('name').primaryKey(),
  ciphertext: text('ciphertext').notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: text('updated_at').notNull().default(now),
});

/** A host an admin allowed outbound calls to even though it resolves to a non-public address. */
export const outboundAllowedHosts = sqliteTable('outbound_allowed_hosts', {
  host: text('host').primaryKey(),
  addedBy: text('added_by').notNull(),
  addedAt: text('added_at').notNull().default(now),
});

/** One logical outbound call (webhook, team email, chat post); its attempts update the same row. */
export const outboundCalls = sqliteTable('outbound_calls', {
  idempotencyKey: text('idempotency_key').primaryKey(),
  kind: text('kind', { enum: ['webhook', 'team_email', 'team_chat'] }).notNull(),
  workflowId: text('workflow_id').notNull(),
  nodeId: text('node_id').notNull(),
  target: text('target').notNull(),
  attempts: integer('attempts').notNull().default(0),
  outcome: text('outcome', { enum: ['pending', 'succeeded', 'failed'] }).notNull().default('pending'),
  lastStatus: integer('last_status'),
  lastError: text('last_error'),
  /** The finished call's result as JSON, so a retry after success answers the same without calling again. */
  result: text('result'),
  firstAt: text('first_at').notNull(),
  lastAt: text('last_at').notNull(),
});
export type OutboundCall = typeof outboundCalls.$inferSelect;
