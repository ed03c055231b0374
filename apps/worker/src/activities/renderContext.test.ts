import type { Customer } from '@lifecycle/db';
import { sharedRenderPool, TEMPLATE_VARIABLES } from '@lifecycle/messaging';
import type { SendEmailInput } from '@lifecycle/workflows/activities';
import { describe, expect, it } from 'vitest';
import { renderContext } from './renderContext';

const customer: Customer = {
  id: 'ada',
  email: 'ada@example.com',
  lifecycleStage: 'trial',
  traits: { first_name: 'Ada', plan: 'pro' },
  subscription: 'subscribed',
  suppressed: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const input: SendEmailInput = {
  workflowId: 'journey/j1/ada/once',
  journeyId: 'j1',
  nodeId: 'send-1',
  templateId: 't1',
  customerId: 'ada',
  triggerEvent: { id: 'ev1', name: 'order_completed', properties: { item: 'socks', total: 12 }, timestamp: '2026-01-01T00:00:00.000Z' },
  offers: [{ offerId: 'o1', name: 'Welcome 10%', code: 'TEN-ABC', expiresAt: '2026-02-01T00:00:00.000Z', description: 'Ten off your first order', discount: '10%', discountKind: 'percent', discountValue: 10, discountCurrency: null }],
};

/** A documented path with its placeholders filled in with names this context has. */
function concrete(path: string): string {
  return path.replace('<trait>', 'plan').replace('<property>', 'item').replace('<offer name>', 'Welcome 10%');
}

describe('renderContext', () => {
  it('gives a value to every documented template variable, and each documented example renders', async () => {
    const context = renderContext(customer, input, 'http://track.test/u/token');
    const source = TEMPLATE_VARIABLES.map((variable) => `[{{ ${concrete(variable.path)} }}]`).join('\n');
    const examples = TEMPLATE_VARIABLES.map((variable) => variable.example).join('\n');
    // As a real send renders: with tracking, which also gives the template its signed preference link.
    const tracking = { publicUrl: 'http://track.test', secret: 'a-tracking-secret-of-at-least-32-characters', deliveryId: 'd1' };
    const result = await sharedRenderPool().render({ template: { subject: 'x', html: source, text: examples }, context, tracking });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const values = result.html.split('\n');
    expect(Object.fromEntries(TEMPLATE_VARIABLES.map((variable, i) => [variable.path, values[i]]))).toEqual({
      'customer.id': '[ada]',
      'customer.email': '[ada@example.com]',
      'customer.lifecycle_stage': '[trial]',
      'customer.<trait>': '[pro]',
      'customer.traits.<trait>': '[pro]',
      'event.name': '[order_completed]',
      'event.timestamp': '[2026-01-01T00:00:00.000Z]',
      'event.<property>': '[socks]',
      'event.properties.<property>': '[socks]',
      'offer.code': '[TEN-ABC]',
      'offer.name': '[Welcome 10%]',
      'offer.expiresAt': '[2026-02-01T00:00:00.000Z]',
      'offer.offerId': '[o1]',
      'offer.discount': '[10%]',
      'offer.description': '[Ten off your first order]',
      'offers["<offer name>"].code': '[TEN-ABC]',
      unsubscribe_url: '[http://track.test/u/token]',
      preferences_url: expect.stringMatching(/^\[http:\/\/track\.test\/p\/[\w.-]+\]$/),
    });
    expect(result.text).toContain('Your code: TEN-ABC');
  });
});
