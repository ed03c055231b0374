import { getTemplate, type Db } from '@lifecycle/db';
import { z } from 'zod';
import { EmailAddress } from '../../emailAddress';
import { renderOffThread } from '../templateRender';
import { PreviewTarget, previewContext } from './previewContext';

/** POST /api/templates/:id/test-send: where to send, and whom to render for. */
export const TestSendInput = z.intersection(z.object({ to: EmailAddress }), PreviewTarget);
export type TestSendInput = z.infer<typeof TestSendInput>;

/** What a test send would deliver; the worker (the only code that sends mail) does the sending. */
export type TestSendRequest =
  | { ok: true; to: string; subject: string; html: string; text: string; templateId: string }
  | { ok: false; error: 'template_not_found' | 'customer_not_found' | 'render_error'; message: string };

/** Renders a saved template for a test send and returns the message to hand to the worker. */
export async function prepareTestSend(db: Db, templateId: string, input: TestSendInput): Promise<TestSendRequest> {
  const template = await getTemplate(db, templateId);
  if (!template) return { ok: false, error: 'template_not_found', message: `no template with id ${templateId}` };
  const context = await previewContext(db, input);
  if (!context) return { ok: false, error: 'customer_not_found', message: 'no such customer' };
  const rendered = await renderOffThread({ template: { subject: template.subject, html: template.html, text: template.text ?? null }, context, tracking: null });
  if (!rendered.ok) return { ok: false, error: 'render_error', message: rendered.error };
  return { ok: true, to: input.to, subject: `[Test] ${rendered.subject}`, html: rendered.html, text: rendered.text, templateId };
}
