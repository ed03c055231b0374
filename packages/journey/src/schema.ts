import { z } from 'zod';
import { OutboundUrl, TeamRecipient, TraitFromAnswer, WebhookHeader, WebhookSignature } from './actionNodeFields';
import { draftExits } from './draftExits';
import { StageName } from './lifecycleStages';
import { LocalDate, LocalTime, TimeZoneChoice, Weekday } from './localTime';
import { TraitPath } from './traitPath';

/** A length of time as a marketer writes it: an amount and a unit. */
export const Duration = z.object({
  amount: z.number().positive().max(3650).describe('how many units'),
  unit: z.enum(['seconds', 'minutes', 'hours', 'days', 'weeks']),
}).describe('a length of time: an amount and a unit');
export type Duration = z.infer<typeof Duration>;

const unitMs = { seconds: 1_000, minutes: 60_000, hours: 3_600_000, days: 86_400_000, weeks: 604_800_000 } as const;

/** Milliseconds in a duration. */
export function durationMs(duration: Duration): number {
  return duration.amount * unitMs[duration.unit];
}

export const JsonScalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type JsonScalar = z.infer<typeof JsonScalar>;

export const Operator = z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'not_contains', 'in', 'exists', 'not_exists']);
export type Operator = z.infer<typeof Operator>;

/**
 * The old journey rule (still valid, still evaluated exactly as before): `source` says where the value comes from: a
 * customer trait (`plan`, `address.city`), a field of the customer (`lifecycleStage`, `email`, `subscription`), or a
 * property of the event in hand. New rules are written as a `ConditionRule` (with a `kind`).
 */
export const SourceRule = z.object({
  source: z.enum(['trait', 'customer', 'event']).describe('where the value comes from: a customer trait, a field of the customer, or a property of the event in hand'),
  path: z.string().min(1).max(200).describe('the trait, field or property, dotted for nested values (`address.city`)'),
  op: Operator.describe('how the value is compared'),
  value: z.union([JsonScalar, z.array(JsonScalar)]).optional().describe('what it is compared with (a list for `in`; none for `exists`)'),
  // Never set: it makes a half-typed `kind` rule read as a ConditionRule in error messages, not as a rule missing `source`.
  kind: z.never().optional(),
});
export type SourceRule = z.infer<typeof SourceRule>;

const ComparedValue = z.union([JsonScalar, z.array(JsonScalar)]).optional().describe('what it is compared with (a list for `in`; none for `is set`)');
const HistoryWindow = Duration.describe('counted back from the moment the condition is checked (absent: all history)');
const ConditionNodeId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only');

/** One property filter of an event-history condition: the event's property compared like a trait. */
export const PropertyFilter = z.object({ path: TraitPath.describe('the event property, dotted for nested values'), op: Operator, value: ComparedValue });
export type PropertyFilter = z.infer<typeof PropertyFilter>;

/** How many times, for "did an event at least N times". */
export const HistoryCount = z.object({ op: z.enum(['gte', 'lte', 'eq']), value: z.number().int().min(0).max(1_000_000) });
export type HistoryCount = z.infer<typeof HistoryCount>;

/**
 * One condition of the one condition language journeys and segments share. Segments take every kind but the two
 * that only mean something inside a run: `event_property` (the event in hand) and an email rule with `sendNodeId`
 * (a send of this run).
 */
export const ConditionRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('trait'), path: TraitPath, op: Operator, value: ComparedValue }),
  z.object({ kind: z.literal('customer'), field: z.enum(['email', 'subscription']), op: Operator, value: ComparedValue }),
  z.object({ kind: z.literal('stage'), op: z.enum(['eq', 'neq', 'in']), value: z.union([z.string(), z.array(z.string())]) }),
  /** `happened`: at least once; `not_happened`: never; `count`: how many times (with `count`). */
  z.object({
    kind: z.literal('event'),
    event: z.string().min(1).max(200),
    op: z.enum(['happened', 'not_happened', 'count']),
    count: HistoryCount.optional(),
    within: HistoryWindow.optional(),
    where: z.array(PropertyFilter).max(10).optional().describe("filters on the event's properties (all must hold)"),
  }),
  /** Any email (in the window), or with `sendNodeId` the email this run sent from that node (journeys only). */
  z.object({
    kind: z.literal('email'),
    action: z.enum(['opened', 'clicked']),
    op: z.enum(['happened', 'not_happened']),
    within: HistoryWindow.optional(),
    sendNodeId: ConditionNodeId.optional().describe('the send step of this run whose email counts'),
  }),
  /** A code of this offer (any offer when absent) granted to the customer, or (`state: redeemed`) used by them. */
  z.object({ kind: z.literal('offer'), offerId: z.string().min(1).optional(), held: z.boolean(), state: z.enum(['granted', 'redeemed']).optional() }),
  z.object({ kind: z.literal('segment'), segmentId: z.string().min(1), member: z.boolean() }),
  /** A property of the event in hand (the trigger event, the awaited event, the goal event): journeys only. */
  z.object({ kind: z.literal('event_property'), path: z.string().min(1).max(200), op: Operator, value: ComparedValue }),
]);
export type ConditionRule = z.infer<typeof ConditionRule>;
export type ConditionKind = ConditionRule['kind'];

/** One condition: the old `source` shape or a `ConditionRule`. */
export const Rule = z.union([SourceRule, ConditionRule]);
export type Rule = z.infer<typeof Rule>;

/** Rules and nested groups combined with AND (`all`) or OR (`any`). */
export const ConditionGroup = z.object({
  match: z.enum(['all', 'any']),
  get conditions(): z.ZodArray<z.ZodUnion<readonly [typeof Rule, typeof ConditionGroup]>> {
    return z.array(z.union([Rule, ConditionGroup])).max(50);
  },
});
export type ConditionGroup = z.infer<typeof ConditionGroup>;

const NodeId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only');
const Position = z.object({ x: z.number(), y: z.number() });
const EventName = z.string().min(1).max(200);

const nodeBase = {
  id: NodeId.describe('unique within the journey; edges name it'),
  label: z.string().max(200).optional().describe('the name shown on the canvas'),
  position: Position.optional().describe('where the node sits on the canvas'),
};

/** How often a scheduled entry happens, at its local time of day. */
export const Recurrence = z.discriminatedUnion('every', [
  z.object({ every: z.literal('once'), date: LocalDate.describe('the day') }),
  z.object({ every: z.literal('day') }),
  z.object({ every: z.literal('week'), weekdays: z.array(Weekday).min(1).max(7).describe('the days of the week') }),
  z.object({ every: z.literal('month'), dayOfMonth: z.number().int().min(1).max(31).describe('the day of the month (the last day in shorter months)') }),
  z.object({
    every: z.literal('cron'),
    cron: z
      .string()
      .min(1)
      .max(200)
      // The shape only (5 or 6 fields of cron characters); the API reads the values with cron-parser.
      .regex(/^[\w*?,/#-]+(?:\s+[\w*?,/#-]+){4,5}$/, 'a cron expression of five fields (minute hour day month weekday), for example 0 9 * * 1')
      .describe('a cron expression (minute hour day month weekday), read in the chosen time zone'),
  }),
]);
export type Recurrence = z.infer<typeof Recurrence>;

/** When, relative to a date trait, a date-trait entry or wait happens. */
export const TraitDateWhen = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('before'), offset: Duration }),
  z.object({ kind: z.literal('after'), offset: Duration }),
  z.object({ kind: z.literal('on') }),
  z.object({ kind: z.literal('anniversary') }),
]);
export type TraitDateWhen = z.infer<typeof TraitDateWhen>;

/**
 * What enters customers into a journey. Absent (or `event`): the trigger's named event. The other kinds enter on
 * internal events the platform emits (see `triggerEventName` in entry.ts), so every kind goes through the same
 * dispatch, trigger conditions and re-entry rules.
 */
export const TriggerEntry = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('event') }),
  z.object({
    kind: z.literal('segment'),
    segmentId: z.string().min(1).max(200).describe('the segment'),
    on: z.enum(['entered', 'exited']).default('entered'),
    includeExisting: z.boolean().default(false).describe('also enter everyone already in the segment when the journey is published'),
  }),
  z.object({ kind: z.literal('stage'), stage: StageName.describe('the lifecycle stage entered') }),
  z.object({
    kind: z.literal('schedule'),
    recurrence: Recurrence,
    time: LocalTime.describe('the local time of day'),
    zone: TimeZoneChoice,
    segmentId: z.string().min(1).max(200).optional().describe('who enters: the members of this segment (everyone when absent)'),
  }),
  z.object({
    kind: z.literal('date_trait'),
    trait: TraitPath.describe('the date trait, for example trial_ends_at'),
    when: TraitDateWhen,
    time: LocalTime.optional().describe('the local time of day (absent: the offset from the trait\'s own time)'),
    zone: TimeZoneChoice.default({ kind: 'customer' }),
  }),
]);
export type TriggerEntry = z.infer<typeof TriggerEntry>;

export const TriggerNode = z.object({
  ...nodeBase,
  type: z.literal('trigger'),
  entry: TriggerEntry.optional().describe('what enters customers: an event (the default), a segment, a stage, a schedule or a date trait'),
  event: EventName.optional().describe('the event name that starts a run (event entries)'),
  conditions: ConditionGroup.optional().describe("conditions on the event's properties and the customer; all runs start when absent"),
  reentry: z
    .discriminatedUnion('policy', [
      z.object({ policy: z.literal('once') }),
      z.object({ policy: z.literal('always') }),
      z.object({ policy: z.literal('cooldown'), cooldown: Duration }),
    ])
    .default({ policy: 'once' })
    .describe('whether a customer may enter again: once ever, always, or after a cooldown'),
})
  .refine((node) => (node.entry !== undefined && node.entry.kind !== 'event') || node.event !== undefined, { message: 'pick the event that starts a run', path: ['event'] })
  .describe('starts a run when a customer sends the event, enters a segment or stage, on a schedule, or around a date trait (exit: next)');

export const SendEmailNode = z
  .object({
    ...nodeBase,
    type: z.literal('send_email'),
    templateId: z.string().min(1).describe('the template to render and send'),
    // Governance (issue 14). A transactional email (a receipt, a password reset) is exempt from frequency caps and
    // quiet hours and is sent to customers who opted out of marketing topics; suppressed addresses still get nothing.
    transactional: z.boolean().optional().describe('transactional: exempt from frequency caps and quiet hours'),
    whenCapped: z.enum(['hold', 'skip']).optional().describe('when the frequency cap is reached: hold the send until the cap frees (default) or skip it'),
    topicId: z.string().min(1).max(100).optional().describe("the subscription topic this email belongs to (default: the template's topic)"),
  })
  .describe('sends an email rendered from a template; skipped for unsubscribed or suppressed customers (exit: next)');

/** A wait that ends at a moment rather than after a length of time. A moment already past moves on at once. */
export const WaitUntil = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('weekday_time'),
    weekdays: z.array(Weekday).max(7).describe('the days of the week (any day when empty)'),
    time: LocalTime.describe('the local time of day'),
    zone: TimeZoneChoice,
  }),
  z.object({ kind: z.literal('date'), at: z.iso.datetime({ offset: true }).describe('the moment, with its offset') }),
  z.object({
    kind: z.literal('trait_date'),
    trait: TraitPath.describe('the date trait, for example renewal_at'),
    when: TraitDateWhen,
    time: LocalTime.optional().describe('the local time of day (absent: the offset from the trait\'s own time)'),
    zone: TimeZoneChoice.default({ kind: 'customer' }),
  }),
]);
export type WaitUntil = z.infer<typeof WaitUntil>;

export const WaitNode = z
  .object({
    ...nodeBase,
    type: z.literal('wait'),
    duration: Duration.optional().describe('how long to wait'),
    until: WaitUntil.optional().describe('or: until a moment (a weekday and time, a date, or relative to a date trait)'),
  })
  .refine((node) => (node.duration === undefined) !== (node.until === undefined), { message: 'wait either for a length of time or until a moment', path: ['duration'] })
  .describe('waits, then goes on (exit: next)');

/**
 * Which named events a wait-for-event counts: those arriving after the run reached the step (the default, also
 * when absent), every event the run has received since it started, or those received within a look-back window
 * before the step (reaching back at most to the run's start: a run only hears events from then on).
 */
export const EventCountFrom = z.discriminatedUnion('from', [
  z.object({ from: z.literal('step_entry') }),
  z.object({ from: z.literal('run_start') }),
  z.object({ from: z.literal('look_back'), window: Duration }),
]);
export type EventCountFrom = z.infer<typeof EventCountFrom>;

/**
 * What a wait-for-event node waits for: a named event, or the open/click of an email this run sent. An open or
 * click counts whenever it happened after the email was sent, even before the run reached the wait.
 */
export const AwaitedEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('event'), event: EventName, conditions: ConditionGroup.optional(), countFrom: EventCountFrom.optional() }),
  z.object({ kind: z.literal('email_opened'), sendNodeId: NodeId }),
  z.object({ kind: z.literal('email_clicked'), sendNodeId: NodeId }),
]);
export type AwaitedEvent = z.infer<typeof AwaitedEvent>;

export const WaitForEventNode = z.object({ ...nodeBase, type: z.literal('wait_for_event'), awaited: AwaitedEvent, timeout: Duration });

export const ConditionSplitNode = z.object({
  ...nodeBase,
  type: z.literal('condition_split'),
  branches: z
    .array(z.object({ id: NodeId.describe('the exit this branch leaves by'), label: z.string().max(200).optional(), condition: ConditionGroup }))
    .min(1)
    .max(20)
    .describe('checked in order: the first branch whose condition holds is taken'),
}).describe('branches on the customer and the trigger event (exits: each branch id, then `else`)');

export const RandomSplitNode = z.object({
  ...nodeBase,
  type: z.literal('random_split'),
  arms: z
    .array(
      z.object({
        id: NodeId.describe('the exit this arm leaves by'),
        label: z.string().max(200).optional(),
        weight: z.number().positive().describe('relative share of runs'),
        control: z.boolean().optional().describe('the control arm: runs that take it send nothing from then on (sends are recorded as skipped)'),
      }),
    )
    .min(2)
    .max(10)
    .refine((arms) => arms.filter((arm) => arm.control === true).length <= 1, 'at most one arm can be the control')
    .describe('weighted arms; each run picks one, deterministically'),
  autoPromote: z.boolean().optional().describe('when the experiment names a winner, publish a version whose split sends every new entry to it'),
  promotedArm: NodeId.optional().describe('set when a winner was promoted: every new run takes this arm'),
})
  .refine((node) => node.promotedArm === undefined || node.arms.some((arm) => arm.id === node.promotedArm), { message: 'the promoted arm is not one of the arms', path: ['promotedArm'] })
  .describe('an A/B split (exits: each arm id)');

export const OfferNode = z
  .object({ ...nodeBase, type: z.literal('offer'), offerId: z.string().min(1).describe('the offer whose code is granted') })
  .describe('grants the customer a code of an offer, usable in later templates as `offer.code` (exit: next)');

export const UpdateCustomerNode = z
  .object({
    ...nodeBase,
    type: z.literal('update_customer'),
    traits: z.record(z.string(), JsonScalar).optional().describe('traits to set'),
    lifecycleStage: z.string().min(1).max(100).optional().describe('the lifecycle stage to move the customer to'),
  })
  .describe('sets traits and/or the lifecycle stage (exit: next)')
  .refine((node) => node.traits !== undefined || node.lifecycleStage !== undefined, {
    message: 'set at least one trait or a lifecycle stage',
    path: ['traits'],
  });

/**
 * Calls another system. The body is Liquid that must render to JSON; retries follow the activity's retry policy
 * with backoff and every attempt carries the same `Idempotency-Key`, derived from the run and the node.
 */
export const WebhookNode = z
  .object({
    ...nodeBase,
    type: z.literal('webhook'),
    method: z.enum(['POST', 'PUT', 'PATCH', 'DELETE', 'GET']).describe('the HTTP method'),
    url: OutboundUrl.describe('the address called; private and loopback addresses are refused unless an admin allowed the host'),
    headers: z.array(WebhookHeader).max(20).optional().describe('extra headers; secrets by name, never their values'),
    body: z.string().max(20_000).optional().describe('the JSON body, written in Liquid (`{{ customer.email | json }}`); none for GET'),
    signature: WebhookSignature.optional().describe('sign the body with HMAC-SHA256 keyed by a workspace secret'),
    timeoutSeconds: z.number().int().min(1).max(60).optional().describe('how long one attempt may take (default 10 s)'),
    attempts: z.number().int().min(1).max(10).optional().describe('attempts before the failed exit (default 3), with backoff between them'),
    saveTraits: z.array(TraitFromAnswer).max(20).optional().describe('fields of the JSON answer saved as customer traits'),
  })
  .refine((node) => node.method !== 'GET' || node.body === undefined || node.body === '', { message: 'a GET request has no body', path: ['body'] })
  .describe('calls a URL with a JSON body (exits: succeeded, failed)');

/** Tells a person: an internal email with the customer's context, optionally also a chat incoming webhook. */
export const NotifyTeamNode = z
  .object({
    ...nodeBase,
    type: z.literal('notify_team'),
    recipient: TeamRecipient.describe('who is told: an address, or the address in a customer trait'),
    subject: z.string().min(1).max(200).optional().describe('the subject (default: the step label and the customer)'),
    message: z.string().max(5000).optional().describe('a note for the reader, written in Liquid'),
    includeTraits: z.array(TraitPath).max(30).optional().describe('traits shown in the note besides name, email, stage and health'),
    chatWebhookUrl: OutboundUrl.optional().describe('also post the note to this chat incoming-webhook URL'),
  })
  .describe('emails an owner or team address about this customer; not a marketing message (exit: next)');

export const ExitNode = z.object({ ...nodeBase, type: z.literal('exit') }).describe('ends the run');

/** A fully configured node: what a published version holds and what the workflow interprets. */
export const JourneyNode = z.discriminatedUnion('type', [
  TriggerNode,
  SendEmailNode,
  WaitNode,
  WaitForEventNode,
  ConditionSplitNode,
  RandomSplitNode,
  OfferNode,
  UpdateCustomerNode,
  WebhookNode,
  NotifyTeamNode,
  ExitNode,
]);
export type JourneyNode = z.infer<typeof JourneyNode>;
export type NodeType = JourneyNode['type'];
export type NodeOf<T extends NodeType> = Extract<JourneyNode, { type: T }>;

export const NodeType = z.enum([
  'trigger',
  'send_email',
  'wait',
  'wait_for_event',
  'condition_split',
  'random_split',
  'offer',
  'update_customer',
  'webhook',
  'notify_team',
  'exit',
]);

/** An edge leaves a node by one of its named exits (`next`, `matched`, `timed_out`, a branch or arm id, `else`). */
export const JourneyEdge = z.object({
  id: z.string().min(1).max(140),
  source: NodeId,
  sourceExit: z.string().min(1).max(64),
  target: NodeId,
});
export type JourneyEdge = z.infer<typeof JourneyEdge>;

/**
 * How long after entering the journey a customer may reach the goal and still count as converted, also after the
 * run has ended. Goals saved before windows existed have none: the run converts whenever it meets the goal while
 * it runs, and afterwards up to `DEFAULT_GOAL_WINDOW` after entry.
 */
export const GoalWindow = Duration.describe('the conversion window, from the moment the customer entered the journey');
export type GoalWindow = z.infer<typeof GoalWindow>;
export const DEFAULT_GOAL_WINDOW: GoalWindow = { amount: 7, unit: 'days' };

/** A goal reached by an event (with conditions); `kind` is absent on goals saved before segment goals existed. */
export const EventGoal = z.object({
  kind: z.literal('event').optional(),
  event: EventName.describe('the event that reaches the goal'),
  conditions: ConditionGroup.optional().describe("conditions on the event's properties and the customer"),
  window: GoalWindow.optional(),
});
/** A goal reached by entering or leaving a segment (the `segment_entered` / `segment_exited` events carrying its id). */
export const SegmentGoal = z.object({
  kind: z.enum(['segment_entered', 'segment_exited']),
  segmentId: z.string().min(1).max(200).describe('the segment entered or left'),
  window: GoalWindow.optional(),
});
/** A journey-level goal: reaching it ends a run early and counts it as converted (within its conversion window). */
export const JourneyGoal = z.union([EventGoal, SegmentGoal]);
export type JourneyGoal = z.infer<typeof JourneyGoal>;

/** A publishable journey: every node fully configured. Graph rules are checked by `validateJourney`. */
export const JourneyGraph = z.object({
  nodes: z.array(JourneyNode).max(2000),
  edges: z.array(JourneyEdge).max(4000),
  goal: JourneyGoal.optional(),
});
export type JourneyGraph = z.infer<typeof JourneyGraph>;

/**
 * A draft as the canvas saves it: node types are known, but a node may still be half configured.
 * Unknown node types are rejected here, at the edge; missing settings are problems `validateJourney` lists.
 */
const HalfConfiguredNode = z
  .looseObject({ id: NodeId, type: NodeType, label: z.string().max(200).optional(), position: Position.optional() })
  .describe('a node still being configured: any settings of its type, each possibly missing or incomplete');
/**
 * A draft node: half configured, or (the same node once complete) one of the JourneyNode types with all its settings.
 * The half-configured form comes first, so parsing keeps the node exactly as the canvas saved it; the complete forms
 * are listed so the OpenAPI document shows each node type with its fields.
 */
export const DraftNode = z.union([HalfConfiguredNode, ...JourneyNode.options]);
export type DraftNode = z.infer<typeof HalfConfiguredNode>;

export const JourneyDraft = z.object({
  nodes: z.array(DraftNode).max(2000),
  edges: z.array(JourneyEdge).max(4000),
  goal: JourneyGoal.optional(),
});
export type JourneyDraft = z.infer<typeof JourneyDraft>;

/** The exits a node has, in the order the canvas draws them (a complete node is a draft node too). */
export function exitsOf(node: JourneyNode): string[] {
  return draftExits(node);
}

/** Nodes whose passing takes time; a cycle must contain one of these. */
export function isWaitingNode(type: NodeType): boolean {
  return type === 'wait' || type === 'wait_for_event';
}
