import type { CallWebhookInput, CallWebhookResult, JourneyActivities, NotifyTeamInput } from '../activities';
import type { MemoryWorld } from './memoryActivities';

/** What a memory world's webhook "receiver" answers, in order of attempts (then 200 for ever); and what it saw. */
export interface MemoryOutbound {
  /** Answers to the next attempts: a number is an HTTP status (5xx throws, as the real activity does). */
  answers: number[];
  /** The JSON the receiver answers with on success. */
  answerBody: Record<string, unknown>;
  calls: CallWebhookInput[];
  notes: NotifyTeamInput[];
}

const outbound = new WeakMap<MemoryWorld, MemoryOutbound>();

/** The webhook receiver and team inbox of a memory world (created on first use). */
export function memoryOutbound(world: MemoryWorld): MemoryOutbound {
  let found = outbound.get(world);
  if (!found) {
    found = { answers: [], answerBody: {}, calls: [], notes: [] };
    outbound.set(world, found);
  }
  return found;
}

/** In-memory webhook and team-note activities with the real ones' contract (transient answers throw). */
export function memoryActionNodes(world: MemoryWorld): Pick<JourneyActivities, 'callWebhook' | 'notifyTeam'> {
  return {
    async callWebhook(input) {
      const box = memoryOutbound(world);
      box.calls.push(structuredClone(input));
      const status = box.answers.shift() ?? 200;
      const idempotencyKey = `${input.workflowId}/${input.nodeId}/${input.seq}`;
      if (status >= 500) throw new Error(`the receiver answered ${status}`);
      if (status >= 400) return { status: 'failed', idempotencyKey, reason: 'client_error', httpStatus: status, message: `the receiver refused the call (${status})` } satisfies CallWebhookResult;
      const savedTraits = Object.fromEntries((input.node.saveTraits ?? []).flatMap((pick) => (pick.answerPath in box.answerBody ? [[pick.trait, box.answerBody[pick.answerPath] as string]] : [])));
      const found = world.customers.get(input.customerId) ?? null;
      const customer = found && Object.keys(savedTraits).length > 0 ? { ...found, traits: { ...found.traits, ...savedTraits } } : null;
      if (customer) world.customers.set(customer.id, customer);
      return { status: 'succeeded', idempotencyKey, httpStatus: status, savedTraits, customer };
    },
    async notifyTeam(input) {
      memoryOutbound(world).notes.push(structuredClone(input));
      const found = world.customers.get(input.customerId);
      if (!found) return { status: 'skipped', reason: 'customer_missing' };
      const to = input.node.recipient.kind === 'address' ? input.node.recipient.address : found.traits[input.node.recipient.trait];
      if (typeof to !== 'string') return { status: 'skipped', reason: 'no_address', trait: input.node.recipient.kind === 'trait' ? input.node.recipient.trait : undefined };
      return { status: 'sent', to, subject: input.node.subject ?? 'Customer alert', messageId: `<team-${input.workflowId}@test>`, chat: input.node.chatWebhookUrl ? 'posted' : 'none' };
    },
  };
}
