import type { HistoryAnswer, HistoryQuestion, JsonScalar, NodeOf, NodeType } from '@lifecycle/journey';
import type { RunEvent, RunStatus } from './messages';

/** The contract between the journey workflow and the worker: types only, no implementation. */

export interface CustomerSnapshot {
  id: string;
  email: string | null;
  traits: Record<string, unknown>;
  lifecycleStage: string | null;
  subscription: 'subscribed' | 'unsubscribed';
  suppressed: boolean;
}

/** One step a run took, keyed by (workflowId, seq) so a retried record overwrites itself. */
export interface StepRecord {
  seq: number;
  nodeId: string;
  nodeType: NodeType;
  enteredAt: string;
  leftAt: string | null;
  /** A short sentence an admin reads: "sent", "waited 2 days", "timed out after 3 days". */
  outcome: string | null;
  exit: string | null;
  /** The evidence: rules evaluated and the values seen, the delivery id, the offer code, the event matched. */
  detail: Record<string, unknown> | null;
  /** The step's side effect failed for good (absent in records made before failures were marked). */
  failed?: boolean;
}

export interface RunRecord {
  workflowId: string;
  journeyId: string;
  versionId: string;
  customerId: string;
  triggerEventId: string;
  status: RunStatus;
  currentNodeId: string | null;
  startedAt: string;
  endedAt: string | null;
  waitingUntil: string | null;
  error: string | null;
  /** How many of the run's steps failed for good so far (absent in records made before failures were counted). */
  failedSteps?: number;
}

export interface GrantedOffer {
  offerId: string;
  name: string;
  code: string;
  expiresAt: string | null;
  // The offer's terms for templates (`{{ offer.discount }}`); absent in grants recorded before offers had them.
  description?: string | null;
  discount?: string | null;
  discountKind?: 'percent' | 'amount' | null;
  discountValue?: number | null;
  discountCurrency?: string | null;
}

export interface SendEmailInput {
  workflowId: string;
  journeyId: string;
  versionId?: string; // the run's version: its sends render the template revisions it pinned at publish (absent: as they are now)
  nodeId: string;
  templateId: string;
  customerId: string;
  triggerEvent: RunEvent;
  /** Offers this run granted, latest last; templates see the latest as `offer` and all by name as `offers`. */
  offers: GrantedOffer[];
  /** A transactional email (a receipt): exempt from the frequency cap and quiet hours. Absent: marketing. */
  transactional?: boolean;
  /** A marketing send over the frequency cap: held until the cap frees (the default) or skipped. */
  whenCapped?: 'hold' | 'skip';
  /** How many attempts as a local activity failed before this call (a mail server down): the same send, retried for longer. */
  afterLocalAttempts?: number;
  /**
   * When the run asked (workflow time, epoch ms). The activity decides caps and quiet hours at the later of this and
   * its own clock: a retry after an outage decides by the time it runs, and a time-skipped test by workflow time.
   */
  dueAtMs?: number;
  /**
   * Progress the run queued before this send (the previous step's exit, this send's entry), written by the activity in
   * its own transaction before anything else, so the runs monitor shows the run at the send while it sends. Idempotent
   * like recordProgressBatch: a retried send writes the same rows again. Absent in runs started before it was carried.
   */
  progress?: ProgressRecord[];
}

/** Why a marketing send may not go yet. Nothing was claimed: the run waits until `until` and asks again. */
export type SendHold =
  | { reason: 'frequency_capped'; until: string; limit: number; windowHours: number; counted: number }
  | { reason: 'quiet_hours'; until: string; zone: string; start: string; end: string };

export type SendEmailResult =
  | { status: 'sent'; deliveryId: string; messageId: string; to: string; subject: string }
  | {
      status: 'skipped';
      deliveryId: string;
      reason: 'unsubscribed' | 'suppressed' | 'no_email' | 'customer_missing' | 'global_control' | 'topic_unsubscribed' | 'frequency_capped';
      /** For `frequency_capped`: the cap and how many counted sends the customer had in its window. */
      cap?: { limit: number; windowHours: number; counted: number };
    }
  /** Not sent yet (caps, quiet hours): `deliveryId` is the delivery the send will make; nothing is stored while held. */
  | ({ status: 'held'; deliveryId: string } & SendHold)
  | { status: 'failed'; deliveryId: string; reason: string }
  /** The SMTP server may or may not have the message (a previous attempt died while handing it over); it is not sent again. */
  | { status: 'uncertain'; deliveryId: string; reason: string };

export interface GrantOfferInput {
  workflowId: string;
  nodeId: string;
  offerId: string;
  customerId: string;
}

export type GrantOfferResult =
  | ({ status: 'granted' } & GrantedOffer)
  | { status: 'unavailable'; reason: 'unknown_offer' | 'pool_exhausted' | 'expired' };

export interface UpdateCustomerInput {
  workflowId: string;
  nodeId: string;
  customerId: string;
  traits?: Record<string, JsonScalar>;
  lifecycleStage?: string;
}

/** A rendered test message a marketer asked for from the template editor; no tracking, no delivery row. */
export interface TestEmailInput {
  requestId: string;
  to: string;
  subject: string;
  html: string;
  text: string | null;
}

/** History questions a condition asks about one customer (an email of a send step is one of this run's). */
export interface ReadHistoryInput {
  customerId: string;
  workflowId: string;
  questions: HistoryQuestion[];
}

/** One progress record: the run row as it was at that moment and, when given, one step. */
export interface ProgressRecord {
  run: RunRecord;
  step?: StepRecord;
}

export interface JourneyActivities {
  /** Upserts the run row and, when given, one step. Idempotent. Runs as a local activity (runs started before batching). */
  recordProgress(input: ProgressRecord): Promise<void>;
  /**
   * Upserts several records in order in one transaction: what a run did since its last record (a step boundary's exit
   * and the next step's entry). Idempotent. Runs as a local activity.
   */
  recordProgressBatch(input: { records: ProgressRecord[] }): Promise<void>;
  /** The customer as stored now, for conditions. Runs as a local activity. */
  loadCustomer(customerId: string): Promise<CustomerSnapshot | null>;
  /** Renders and sends at most once per (workflowId, nodeId). Transient failures throw; permanent ones return `failed`. */
  sendEmail(input: SendEmailInput): Promise<SendEmailResult>;
  /** Grants at most one code per (workflowId, nodeId). */
  grantOffer(input: GrantOfferInput): Promise<GrantOfferResult>;
  updateCustomer(input: UpdateCustomerInput): Promise<CustomerSnapshot | null>;
  /** Counts stored history for conditions (events, emails, offer codes, segment memberships), one answer per question. Runs as a local activity. */
  readHistory(input: ReadHistoryInput): Promise<HistoryAnswer[]>;
  /** Sends a template editor's test email; the worker stays the only code that talks SMTP. */
  sendTestEmail(input: TestEmailInput): Promise<{ messageId: string }>;
  /** One attempt of a webhook call; a transient failure throws (the workflow's retry policy retries it). */
  callWebhook(input: CallWebhookInput): Promise<CallWebhookResult>;
  /** Emails the team about the customer (and posts to a chat webhook), at most once per step. */
  notifyTeam(input: NotifyTeamInput): Promise<NotifyTeamResult>;
}

/** What a webhook or team-note step knows of its run: who, why, and which step (the idempotency key's source). */
export interface ActionContext {
  workflowId: string;
  journeyId: string;
  nodeId: string;
  /** The step's number in the run: a loop that passes the node again makes a new call with a new key. */
  seq: number;
  customerId: string;
  triggerEvent: RunEvent;
  offers: GrantedOffer[];
}

export interface CallWebhookInput extends ActionContext {
  node: NodeOf<'webhook'>;
}

/** Why a webhook call failed for good: no retry can change these. */
export type WebhookFailureReason =
  | 'address_refused'
  | 'redirect_refused'
  | 'client_error'
  | 'body_invalid'
  | 'secret_missing'
  | 'retries_exhausted';

export type CallWebhookResult =
  | { status: 'succeeded'; idempotencyKey: string; httpStatus: number; savedTraits: Record<string, JsonScalar>; customer: CustomerSnapshot | null }
  | { status: 'failed'; idempotencyKey: string; reason: WebhookFailureReason; httpStatus: number | null; message: string };

export interface NotifyTeamInput extends ActionContext {
  node: NodeOf<'notify_team'>;
}

export type NotifyTeamResult =
  | { status: 'sent'; to: string; subject: string; messageId: string; chat: 'posted' | 'failed' | 'none'; chatError?: string }
  | { status: 'skipped'; reason: 'no_address' | 'customer_missing'; trait?: string }
  | { status: 'failed'; reason: string };
