import { checkTemplate, RenderPoolBusy, sharedRenderPool, type MessageTemplate, type RenderRequest, type RenderResult } from '@lifecycle/messaging';
import { HttpError } from '../errors';

/** Data shaped like what the worker renders with, so a template that only works on real data is rare. */
const sampleContext = {
  customer: { id: 'sample-customer', email: 'sample@example.com', firstName: 'Sam', lifecycle_stage: 'onboarding', traits: { firstName: 'Sam', plan: 'free' } },
  event: { name: 'signed_up', properties: {}, timestamp: '2026-01-01T00:00:00.000Z' },
  offer: { name: 'SAMPLE', code: 'SAMPLE-CODE', expiresAt: null },
  offers: {},
  unsubscribe_url: 'https://example.com/u/sample',
  preferences_url: 'https://example.com/p/sample',
};

/** 400 `invalid_template` naming the field (subject, html or text), as saving a template answers. */
function invalidTemplate(field: string, message: string): HttpError {
  return new HttpError(400, 'invalid_template', `${field}: ${message}`, { issues: [{ path: field, message }] });
}

/** Throws `invalidTemplate` for the first field that does not parse, or uses a tag templates may not (file tags). */
export function assertTemplateParses(template: MessageTemplate): void {
  const check = checkTemplate(template);
  if (!check.ok) throw invalidTemplate(check.field, check.message);
}

/** Renders on the API's render pool (threads with a deadline), so a slow template never blocks the API. */
export async function renderOffThread(request: RenderRequest): Promise<RenderResult> {
  try {
    return await sharedRenderPool().render(request);
  } catch (error) {
    if (error instanceof RenderPoolBusy) throw new HttpError(503, 'busy', error.message, {}, { 'retry-after': '5' });
    throw error;
  }
}

/** Renders the template against sample data under the sandbox limits; the error names the field, or null when it renders. */
export async function renderProblem(template: MessageTemplate): Promise<{ field: string; message: string } | null> {
  const result = await renderOffThread({ template, context: sampleContext, tracking: null });
  if (result.ok) return null;
  const detail = result.field ? result.error.slice(`${result.field}: `.length) : result.error;
  return { field: result.field ?? 'html', message: `cannot be rendered (it exceeds the template limits or fails on sample data): ${detail}` };
}
