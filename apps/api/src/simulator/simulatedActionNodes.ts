import { currentHealthOf, listSecrets, type Db } from '@lifecycle/db';
import { actionContextVars, buildWebhookRequest, composeTeamNote, outboundKey, type RenderRequest } from '@lifecycle/messaging';
import { answerTraits } from '@lifecycle/journey';
import type { JourneyActivities } from '@lifecycle/workflows/activities';
import { renderOffThread } from '../services/templateRender';
import type { SimulatedWorld } from './simulatedWorld';

const renderer = { render: (request: RenderRequest) => renderOffThread(request), close: () => Promise.resolve() };

/** Secrets as a simulation shows them: by name, never by value (missing ones stay missing, as at a real call). */
async function maskedSecrets(db: Db): Promise<Map<string, string>> {
  return new Map((await listSecrets(db)).map((secret) => [secret.name, `«secret ${secret.name}»`]));
}

/**
 * Webhook and team-note steps in a simulation: the request is built exactly as the worker builds it (body rendered,
 * secrets by name, the idempotency key) and recorded, nothing is called; the script's answer picks the exit.
 */
export function simulatedActionNodes(db: Db, world: SimulatedWorld, realCustomer: boolean): Pick<JourneyActivities, 'callWebhook' | 'notifyTeam'> {
  return {
    async callWebhook(input) {
      const idempotencyKey = outboundKey('webhook', input);
      const context = actionContextVars({ customer: world.customer, triggerEvent: { ...input.triggerEvent }, offers: input.offers });
      const request = await buildWebhookRequest(input.node, { context, secrets: await maskedSecrets(db), idempotencyKey, renderer });
      if (!request.ok) {
        world.problem(input.nodeId, request.message);
        return { status: 'failed', idempotencyKey, reason: request.reason, httpStatus: null, message: request.message };
      }
      const headers = { ...request.headers };
      if (input.node.signature) headers[(input.node.signature.header ?? 'X-Lifecycle-Signature').toLowerCase()] = `sha256=… (HMAC of the body with «secret ${input.node.signature.secret}»)`;
      world.outbound.calls.push({ nodeId: input.nodeId, kind: 'webhook', method: request.method, target: request.url, headers, body: request.body, subject: null });
      const answer = world.outbound.answers[input.nodeId] ?? { exit: 'succeeded' as const };
      if (answer.exit === 'failed') {
        const httpStatus = answer.status ?? null;
        const message = `simulated: the receiver answered ${httpStatus ?? 'nothing'}`;
        return { status: 'failed', idempotencyKey, reason: httpStatus !== null && httpStatus < 500 ? 'client_error' : 'retries_exhausted', httpStatus, message };
      }
      const { traits } = answerTraits(JSON.stringify(answer.body ?? {}), input.node.saveTraits ?? []);
      if (Object.keys(traits).length > 0) world.customer = { ...world.customer, traits: { ...world.customer.traits, ...traits } };
      return { status: 'succeeded', idempotencyKey, httpStatus: answer.status ?? 200, savedTraits: traits, customer: structuredClone(world.customer) };
    },
    async notifyTeam(input) {
      const customer = world.customer;
      const to = input.node.recipient.kind === 'address' ? input.node.recipient.address : customer.traits[input.node.recipient.trait];
      if (typeof to !== 'string' || to === '') return { status: 'skipped', reason: 'no_address', ...(input.node.recipient.kind === 'trait' ? { trait: input.node.recipient.trait } : {}) };
      const name = typeof customer.traits.name === 'string' ? customer.traits.name : null;
      let message: string | null = null;
      if (input.node.message?.trim()) {
        const rendered = await renderOffThread({ template: { subject: '', html: '', text: input.node.message }, context: actionContextVars({ customer, triggerEvent: input.triggerEvent, offers: input.offers }), tracking: null });
        message = rendered.ok ? rendered.text.trim() : null;
      }
      const note = composeTeamNote(
        {
          customer: { id: customer.id, email: customer.email, name, lifecycleStage: customer.lifecycleStage },
          health: realCustomer ? await currentHealthOf(db, customer.id) : null,
          event: { name: input.triggerEvent.name, timestamp: input.triggerEvent.timestamp, properties: input.triggerEvent.properties },
          traits: (input.node.includeTraits ?? []).map((trait) => ({ name: trait, value: customer.traits[trait] })),
          message,
          profileUrl: `/#/customers/${encodeURIComponent(customer.id)}`,
          journeyStep: input.node.label?.trim() || 'Customer alert',
        },
        input.node.subject ?? null,
      );
      world.outbound.calls.push({ nodeId: input.nodeId, kind: 'team_email', method: null, target: to, headers: {}, body: note.text, subject: note.subject });
      if (input.node.chatWebhookUrl) world.outbound.calls.push({ nodeId: input.nodeId, kind: 'team_chat', method: 'POST', target: input.node.chatWebhookUrl, headers: { 'content-type': 'application/json', 'idempotency-key': outboundKey('team_chat', input) }, body: JSON.stringify({ text: note.chatText }), subject: null });
      return { status: 'sent', to, subject: note.subject, messageId: '<simulated-team-note@simulation>', chat: input.node.chatWebhookUrl ? 'posted' : 'none' };
    },
  };
}
