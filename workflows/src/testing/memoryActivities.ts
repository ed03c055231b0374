import type {
  CustomerSnapshot,
  GrantOfferResult,
  JourneyActivities,
  ProgressRecord,
  RunRecord,
  SendEmailInput,
  SendEmailResult,
  StepRecord,
} from '../activities';
import { memoryActionNodes } from './memoryActionNodes';
import { emptyHistory, readMemoryHistory, type MemoryHistory } from './memoryHistory';

/** What the in-memory activities saw, per run: the workflow's unit tests assert on it. */
export interface MemoryWorld {
  customers: Map<string, CustomerSnapshot>;
  /** Every progress record, in the order it arrived, keyed by workflow id (a batch counts as its records). */
  progress: Map<string, { run: RunRecord; step?: StepRecord }[]>;
  /** How many batched progress writes were made: what a run costs in writes. */
  progressBatches: number;
  /** Sends that carried the run's queued progress records (written as a batch would be). */
  progressCarried: number;
  sent: SendEmailInput[];
  /** Send attempts to fail with a thrown error (a mail server down) before one succeeds. */
  sendOutages: number;
  sendAttempts: number;
  codesLeft: number;
  /** Templates that no longer exist: a send of one fails for good (`template_missing`), as the real activity's does. */
  missingTemplates: Set<string>;
  /** Stored history conditions read (events, emails, offer codes, segment memberships). */
  history: MemoryHistory;
}

/** A world with no customers; tests add the ones they need. */
export function emptyWorld(): MemoryWorld {
  return { customers: new Map(), progress: new Map(), progressBatches: 0, progressCarried: 0, sent: [], sendOutages: 0, sendAttempts: 0, codesLeft: 100, missingTemplates: new Set(), history: emptyHistory() };
}

/** A subscribed customer with an email and the given traits. */
export function customer(id: string, traits: Record<string, unknown> = {}, overrides: Partial<CustomerSnapshot> = {}): CustomerSnapshot {
  return { id, email: `${id}@example.test`, traits, lifecycleStage: null, subscription: 'subscribed', suppressed: false, ...overrides };
}

/**
 * In-memory activities honouring the contract (idempotent per workflow and node), so the workflow can be
 * tested alone; the real ones are tested in apps/worker.
 */
export function memoryActivities(world: MemoryWorld): JourneyActivities {
  const deliveries = new Map<string, SendEmailResult>();
  const grants = new Map<string, GrantOfferResult>();
  const carried = new Set<string>();
  const record = (input: ProgressRecord): void => {
    const calls = world.progress.get(input.run.workflowId) ?? [];
    calls.push(structuredClone(input));
    world.progress.set(input.run.workflowId, calls);
  };
  return {
    async recordProgress(input) {
      record(input);
    },
    async recordProgressBatch({ records }) {
      // Kept one entry per record, as a run before batching made them: tests read the same sequence either way.
      records.forEach(record);
      world.progressBatches += 1;
    },
    async loadCustomer(customerId) {
      return world.customers.get(customerId) ?? null;
    },
    async sendEmail(input) {
      world.sendAttempts += 1;
      // Written first, as the worker's send does, whatever the send then does; a retry's upsert lands on the same
      // rows, so a retried attempt records nothing new here.
      const progressKey = JSON.stringify(input.progress ?? []);
      if (input.progress?.length && !carried.has(progressKey)) {
        carried.add(progressKey);
        input.progress.forEach(record);
        world.progressCarried += 1;
      }
      if (world.sendOutages > 0) {
        world.sendOutages -= 1;
        throw new Error('connect ECONNREFUSED 127.0.0.1:1025');
      }
      const key = `${input.workflowId}/${input.nodeId}`;
      const done = deliveries.get(key);
      if (done) return done;
      const found = world.customers.get(input.customerId);
      const result: SendEmailResult = world.missingTemplates.has(input.templateId)
        ? { status: 'failed', deliveryId: key, reason: 'template_missing' }
        : !found
        ? { status: 'skipped', deliveryId: key, reason: 'customer_missing' }
        : found.subscription === 'unsubscribed'
          ? { status: 'skipped', deliveryId: key, reason: 'unsubscribed' }
          : { status: 'sent', deliveryId: key, messageId: `<${key}@test>`, to: found.email ?? '', subject: `template ${input.templateId}` };
      if (result.status === 'sent') world.sent.push(structuredClone(input));
      deliveries.set(key, result);
      return result;
    },
    async grantOffer(input) {
      const key = `${input.workflowId}/${input.nodeId}`;
      const done = grants.get(key);
      if (done) return done;
      const result: GrantOfferResult =
        world.codesLeft > 0
          ? { status: 'granted', offerId: input.offerId, name: 'Welcome 10%', code: `CODE-${world.codesLeft}`, expiresAt: null }
          : { status: 'unavailable', reason: 'pool_exhausted' };
      if (result.status === 'granted') world.codesLeft -= 1;
      grants.set(key, result);
      return result;
    },
    async updateCustomer(input) {
      const found = world.customers.get(input.customerId);
      if (!found) return null;
      const updated = {
        ...found,
        traits: { ...found.traits, ...input.traits },
        lifecycleStage: input.lifecycleStage ?? found.lifecycleStage,
      };
      world.customers.set(input.customerId, updated);
      return updated;
    },
    async readHistory(input) {
      return readMemoryHistory(world.history, input);
    },
    async sendTestEmail(input) {
      return { messageId: `<test-${input.requestId}@example.test>` };
    },
    ...memoryActionNodes(world),
  };
}
