import { LifecycleConfig, SegmentGroup } from '@lifecycle/journey';
import { z } from 'zod';
import { Instant, JsonObject, MaybeInstant, NextCursor, RunStatus } from './common';

/** A customer: identity, traits, stage and whether they may be messaged. */
export const Customer = z.object({
  id: z.string(),
  email: z.string().nullable(),
  traits: JsonObject,
  lifecycleStage: z.string().nullable(),
  subscription: z.enum(['subscribed', 'unsubscribed']),
  suppressed: z.boolean(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Customer = z.infer<typeof Customer>;

/** A customer in the list: with their health score and band (null until scored) and historical CLV. */
export const ListedCustomer = Customer.extend({
  health: z.object({ score: z.number().int(), band: z.enum(['healthy', 'at_risk', 'critical']) }).nullable(),
  clv: z.number().describe('revenue to date in the base currency (historical CLV)'),
});
export const CustomerPage = z.object({ customers: z.array(ListedCustomer), nextCursor: NextCursor });
export type CustomerPage = z.infer<typeof CustomerPage>;

/** An event as the customer pages show it. */
export const CustomerEvent = z.object({ id: z.string(), type: z.string(), name: z.string().nullable(), properties: z.unknown(), traits: z.unknown(), timestamp: Instant, receivedAt: Instant });
export type CustomerEvent = z.infer<typeof CustomerEvent>;

/** A page of a customer's events, newest first. */
export const CustomerEventPage = z.object({ customerId: z.string().describe('the current id of the customer asked for'), events: z.array(CustomerEvent), nextCursor: NextCursor });
export type CustomerEventPage = z.infer<typeof CustomerEventPage>;

/** A customer's profile: traits, stage history, segments, recent events, messages, offers and runs. */
export const CustomerProfile = z.object({
  customer: Customer,
  requestedId: z.string().describe('the id asked for: a former id (anon: or aliased) answers the customer it was merged into'),
  aliases: z.array(z.string()).describe('every former id of this customer'),
  stageHistory: z.array(z.object({ id: z.number().int(), customerId: z.string(), fromStage: z.string().nullable(), toStage: z.string(), cause: z.string(), at: Instant })),
  segments: z.array(z.object({ segmentId: z.string(), name: z.string(), enteredAt: Instant })),
  events: z.array(CustomerEvent),
  eventsNextCursor: NextCursor.describe('pass as cursor to GET /api/customers/{id}/events for older events'),
  messages: z.array(z.object({ id: z.string(), journeyId: z.string().nullable(), templateId: z.string(), subject: z.string().nullable(), to: z.string().nullable(), status: z.string(), sentAt: MaybeInstant, openedAt: MaybeInstant, clickedAt: MaybeInstant, createdAt: Instant })),
  offers: z.array(z.object({ offerId: z.string(), name: z.string(), code: z.string(), grantedAt: MaybeInstant, expiresAt: MaybeInstant })),
  runs: z.array(z.object({ workflowId: z.string(), journeyId: z.string(), journeyName: z.string().nullable(), status: RunStatus, failedSteps: z.number().int(), currentNodeId: z.string().nullable(), waitingUntil: MaybeInstant, startedAt: Instant, endedAt: MaybeInstant })),
});
export type CustomerProfile = z.infer<typeof CustomerProfile>;

export const CustomerDeleted = z.object({ deleted: z.literal(true), cancelledRuns: z.number().int().describe('active runs cancelled first') });
export type CustomerDeleted = z.infer<typeof CustomerDeleted>;

/** A saved segment and its definition. */
export const Segment = z.object({ id: z.string(), name: z.string(), description: z.string().nullable(), definition: SegmentGroup, createdAt: Instant, updatedAt: Instant });
export type Segment = z.infer<typeof Segment>;

export const SegmentList = z.object({ segments: z.array(Segment.extend({ size: z.number().int().describe('members now') })) });
export type SegmentList = z.infer<typeof SegmentList>;

export const SegmentPreview = z.object({
  size: z.number().int(),
  sample: z.array(z.object({ id: z.string(), email: z.string().nullable(), lifecycleStage: z.string().nullable() })),
});
export type SegmentPreview = z.infer<typeof SegmentPreview>;

/** The lifecycle stages (ordered) and the rules that move customers between them. */
export const LifecycleStages = LifecycleConfig;
export type LifecycleStages = z.infer<typeof LifecycleStages>;
