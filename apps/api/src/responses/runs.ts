import { z } from 'zod';
import { Instant, JsonObject, MaybeInstant, NextCursor, RunStatus } from './common';

/** One customer's run through one journey version. */
export const Run = z.object({
  workflowId: z.string(),
  journeyId: z.string(),
  versionId: z.string(),
  customerId: z.string(),
  status: RunStatus,
  triggerEventId: z.string().nullable(),
  currentNodeId: z.string().nullable(),
  waitingUntil: MaybeInstant,
  error: z.string().nullable(),
  failedSteps: z.number().int().describe('steps whose side effect failed for good (e.g. a send whose template is gone); the run may still be completed'),
  startedAt: Instant,
  endedAt: MaybeInstant,
  updatedAt: Instant,
});
export type Run = z.infer<typeof Run>;

/** A run with the names people know its ids by (ids stay, for links and hover text). */
export const NamedRun = Run.extend({
  journeyName: z.string().describe("the journey's name (its id when the journey is gone)"),
  version: z.number().int().nullable().describe("the version's number, null when the version is gone"),
  versionPublishedAt: MaybeInstant.describe('when the version was published'),
  customerName: z.string().describe('the `name` trait, else `first_name` + `last_name`, else the email, else the customer id'),
  currentNodeName: z.string().nullable().describe("the current node's label, else what it does (\"Wait 2 days\", \"Send “Welcome”\")"),
});
export type NamedRun = z.infer<typeof NamedRun>;

export const RunPage = z.object({ runs: z.array(NamedRun), nextCursor: NextCursor });
export type RunPage = z.infer<typeof RunPage>;

export const RunCounts = z.object({
  counts: z.record(RunStatus, z.number().int()),
  total: z.number().int(),
  withFailures: z.number().int().describe('runs of the same filter that failed or have a failed step'),
});
export type RunCounts = z.infer<typeof RunCounts>;

const Delivery = z.object({
  id: z.string(),
  workflowId: z.string(),
  nodeId: z.string(),
  journeyId: z.string().nullable(),
  customerId: z.string(),
  templateId: z.string(),
  idempotencyKey: z.string(),
  messageId: z.string(),
  to: z.string().nullable(),
  subject: z.string().nullable(),
  html: z.string().nullable(),
  text: z.string().nullable(),
  status: z.enum(['pending', 'sending', 'sent', 'skipped', 'failed', 'uncertain']),
  error: z.string().nullable(),
  attempts: z.number().int(),
  sentAt: MaybeInstant,
  openedAt: MaybeInstant,
  clickedAt: MaybeInstant,
  createdAt: Instant,
});

/** An activity that failed, with how often Temporal has retried it. */
export const ActivityFailure = z.object({
  workflowId: z.string(),
  activityId: z.string(),
  activityType: z.string(),
  customerId: z.string().nullable(),
  attempt: z.number().int(),
  error: z.string(),
  firstFailedAt: Instant,
  lastFailedAt: Instant,
  resolvedAt: MaybeInstant,
});
export type ActivityFailure = z.infer<typeof ActivityFailure>;

/** A run with every step it took and why, its emails, offer codes, failures and its Temporal UI link. */
const NamesById = z.record(z.string(), z.string());

export const RunDetail = z.object({
  run: NamedRun,
  names: z
    .object({ nodes: NamesById, templates: NamesById, offers: NamesById })
    .describe("names of the run's version's nodes (label, else what the node does), templates and offers, by id"),
  steps: z.array(z.object({ id: z.number().int(), workflowId: z.string(), nodeId: z.string(), seq: z.number().int(), nodeType: z.string(), enteredAt: Instant, leftAt: MaybeInstant, outcome: z.string().nullable(), exit: z.string().nullable(), detail: JsonObject.nullable(), failed: z.boolean().describe('its side effect failed for good') })),
  deliveries: z.array(Delivery),
  offerCodes: z.array(z.object({ code: z.string(), offerId: z.string(), offerName: z.string(), nodeId: z.string().nullable(), grantedAt: MaybeInstant })),
  failures: z.array(ActivityFailure),
  temporalUrl: z.string(),
});
export type RunDetail = z.infer<typeof RunDetail>;

export const RunCancelled = z.object({ workflowId: z.string(), result: z.enum(['cancel_requested', 'marked_cancelled']) });
export type RunCancelled = z.infer<typeof RunCancelled>;

export const RunSentOn = z.object({ workflowId: z.string(), result: z.literal('signalled') });
export type RunSentOn = z.infer<typeof RunSentOn>;

export const RunRetried = z.object({ workflowId: z.string(), retryWorkflowId: z.string(), resumeAt: z.string().describe('the node the new run starts at') });
export type RunRetried = z.infer<typeof RunRetried>;

/** A dry run's count, or what a confirmed bulk cancel did. */
export const BulkCancelAnswer = z.union([
  z.object({ dryRun: z.literal(true), count: z.number().int() }),
  z.object({ count: z.number().int(), requested: z.number().int(), markedCancelled: z.number().int(), failed: z.number().int() }),
]);
export type BulkCancelAnswer = z.infer<typeof BulkCancelAnswer>;
