import { renderMessage, type MessageTemplate } from '@lifecycle/messaging';

/** Data shaped like what the worker renders with, so a template that only works on real data is rare. */
const sampleContext = {
  customer: { id: 'sample-customer', email: 'sample@example.com', firstName: 'Sam', lifecycle_stage: 'onboarding', traits: { firstName: 'Sam', plan: 'free' } },
  event: { name: 'signed_up', properties: {}, timestamp: '2026-01-01T00:00:00.000Z' },
  offer: { name: 'SAMPLE', code: 'SAMPLE-CODE', expiresAt: null },
  offers: {},
  unsubscribe_url: 'https://example.com/u/sample',
};

/** Renders the template against sample data under the sandbox limits; the error names the field, or null when it renders. */
export async function renderProblem(template: MessageTemplate): Promise<{ field: string; message: string } | null> {
  const result = await renderMessage(template, sampleContext);
  if (result.ok) return null;
  const [field = 'html', ...rest] = result.error.split(': ');
  return { field, message: `cannot be rendered (it exceeds the template limits or fails on sample data): ${rest.join(': ') || result.error}` };
}
