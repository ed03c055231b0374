import { getOffer, getTemplate, heldOutByGlobalControl, loadAnalyticsSettings, prefixedCode, templateForSend, termsOf, topicSkipReason, type Db } from '@lifecycle/db';
import type { CustomerSnapshot, GrantOfferResult, JourneyActivities, SendEmailInput, SendEmailResult } from '@lifecycle/workflows/activities';
import { renderOffThread } from '../services/templateRender';
import { simulatedActionNodes } from './simulatedActionNodes';
import { simulatedGovernance } from './simulatedGovernance';
import { simulatedHistory } from './simulatedHistory';
import type { SimulatedWorld } from './simulatedWorld';

/** Where a simulated email's unsubscribe link points: nowhere real (a real one would unsubscribe the customer). */
const SAMPLE_UNSUBSCRIBE_URL = 'https://example.com/unsubscribe/simulated';

/**
 * The sample code a simulated offer step answers: the prefix joined to `SIMULATED` by the rule real grants use
 * ("WELCOME20-" and "WELCOME20" both give "WELCOME20-SIMULATED"; no prefix gives "SAMPLE-SIMULATED").
 */
function simulatedCode(prefix: string | null | undefined): string {
  return prefixedCode(prefix, 'SIMULATED', 'SAMPLE');
}

/**
 * What a template sees, as the worker builds it (apps/worker/src/activities/renderContext.ts): traits both as
 * `customer.x` and `customer.traits.x`, the trigger event, the latest offer and all offers by name.
 */
function renderContext(customer: CustomerSnapshot, input: SendEmailInput): Record<string, unknown> {
  const event = input.triggerEvent;
  return {
    customer: { ...customer.traits, id: customer.id, email: customer.email, lifecycle_stage: customer.lifecycleStage, traits: customer.traits },
    event: { ...event.properties, name: event.name, properties: event.properties, timestamp: event.timestamp },
    offer: input.offers.at(-1) ?? null,
    offers: Object.fromEntries(input.offers.map((offer) => [offer.name, offer])),
    unsubscribe_url: SAMPLE_UNSUBSCRIBE_URL,
  };
}

function skipReason(customer: CustomerSnapshot): Extract<SendEmailResult, { status: 'skipped' }>['reason'] | null {
  if (customer.subscription === 'unsubscribed') return 'unsubscribed';
  if (customer.suppressed) return 'suppressed';
  if (!customer.email) return 'no_email';
  return null;
}

/**
 * The journey activities of a simulation: the same contract as the worker's, but nothing leaves the process.
 * Progress is collected in memory, the customer is the world's copy, emails are rendered exactly as a real send
 * renders them (the template as it is now, on the API's render pool) and kept instead of sent, and an offer
 * answers a sample code without taking one. The database is only read.
 */
export function simulationActivities(db: Db, world: SimulatedWorld, realCustomer: boolean): JourneyActivities {
  // When this simulation's marketing emails went (its clock): its frequency cap counts them with the stored ones.
  const simulatedSendsAtMs: number[] = [];
  return {
    recordProgress({ run, step }) {
      world.record(run, step);
      return Promise.resolve();
    },
    recordProgressBatch({ records }) {
      for (const { run, step } of records) world.record(run, step);
      return Promise.resolve();
    },
    readHistory(input) {
      return Promise.resolve(simulatedHistory(db, realCustomer ? world.customer.id : null, world.events, input));
    },
    loadCustomer() {
      return Promise.resolve(structuredClone(world.customer));
    },
    async sendEmail(input) {
      // As the worker: the run's queued progress (the previous exit, this send's entry) rides with the send.
      for (const { run, step } of input.progress ?? []) world.record(run, step);
      const deliveryId = `simulated/${input.nodeId}`;
      const customer = world.customer;
      // As the worker: a stored customer in the global control group gets no lifecycle (non-transactional) email.
      const heldOut = realCustomer && input.transactional !== true && await heldOutByGlobalControl(db, await loadAnalyticsSettings(db), customer.id, new Date());
      const reason = heldOut ? 'global_control' : (skipReason(customer) ?? await topicSkipReason(db, { ...input, deliveryId, customerId: customer.id }, false));
      if (reason) return { status: 'skipped', deliveryId, reason };
      const governed = await simulatedGovernance(db, input, customer, { realCustomer, simulatedSendsAtMs });
      if (governed) return governed;
      // As the worker: a version sends the revision pinned when it was published; the draft, the template as it is now.
      const template = await templateForSend(db, input.versionId === 'draft' ? undefined : input.versionId, input.templateId);
      const templateName = (await getTemplate(db, input.templateId))?.name ?? input.templateId;
      if (!template) {
        world.problem(input.nodeId, `the template ${input.templateId} does not exist`);
        return { status: 'failed', deliveryId, reason: `template_missing: ${input.templateId}` };
      }
      const rendered = await renderOffThread({ template, context: renderContext(customer, input), tracking: null });
      if (!rendered.ok) {
        world.problem(input.nodeId, `template "${templateName}" does not render: ${rendered.error}`);
        return { status: 'failed', deliveryId, reason: `${rendered.reason}: ${rendered.error}` };
      }
      const to = customer.email ?? '';
      if (input.transactional !== true) simulatedSendsAtMs.push(input.dueAtMs ?? Date.now());
      world.emails.push({ nodeId: input.nodeId, to, subject: rendered.subject, html: rendered.html, text: rendered.text, at: '' });
      return { status: 'sent', deliveryId, messageId: `<${deliveryId}@simulation>`, to, subject: rendered.subject };
    },
    async grantOffer(input) {
      const offer = await getOffer(db, input.offerId);
      const result: GrantOfferResult = !offer
        ? { status: 'unavailable', reason: 'unknown_offer' }
        : offer.expiresAt !== null && Date.parse(offer.expiresAt) <= Date.now()
          ? { status: 'unavailable', reason: 'expired' }
          : { status: 'granted', offerId: offer.id, name: offer.name, code: simulatedCode(offer.codePrefix), expiresAt: offer.expiresAt, ...termsOf(offer) };
      return Promise.resolve(result);
    },
    updateCustomer(input) {
      const current = world.customer;
      world.customer = {
        ...current,
        traits: { ...current.traits, ...input.traits },
        lifecycleStage: input.lifecycleStage ?? current.lifecycleStage,
      };
      return Promise.resolve(structuredClone(world.customer));
    },
    sendTestEmail() {
      return Promise.reject(new Error('a simulation sends no test email'));
    },
    ...simulatedActionNodes(db, world, realCustomer),
  };
}
