import { randomUUID } from 'node:crypto';
import type { Db } from '@lifecycle/db';
import { ApplicationFailure } from '@temporalio/common';
import { HttpError } from '../../errors';
import type { RunStarter } from '../../runStarter';
import { prepareTestSend, type TestSendInput } from './testSend';

/** The SMTP server's permanent refusal carried by a failed test-send workflow (activity → ApplicationFailure), if any. */
function smtpRejection(error: unknown): string | null {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof ApplicationFailure && cause.type === 'smtp_rejected') return cause.message;
  }
  return null;
}

/** Renders the template here, then has the worker send it; answers once the SMTP server took it. */
export async function sendTestEmail(db: Db, temporal: RunStarter, templateId: string, input: TestSendInput): Promise<{ to: string; subject: string; messageId: string }> {
  const prepared = await prepareTestSend(db, templateId, input);
  if (!prepared.ok) {
    if (prepared.error === 'template_not_found') throw new HttpError(404, 'not_found', prepared.message);
    throw new HttpError(422, prepared.error, prepared.message);
  }
  if (!temporal.sendTestEmail) throw new HttpError(503, 'unavailable', 'test sends need the worker, which is not configured');
  try {
    const { messageId } = await temporal.sendTestEmail({ requestId: randomUUID(), to: prepared.to, subject: prepared.subject, html: prepared.html, text: prepared.text });
    return { to: prepared.to, subject: prepared.subject, messageId };
  } catch (error) {
    const rejected = smtpRejection(error);
    if (rejected) throw new HttpError(422, 'smtp_rejected', `the SMTP server refused the test email: ${rejected}`, { issues: [{ path: 'to', message: rejected }] });
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new HttpError(503, 'send_failed', `the test email could not be sent: ${reason}`, {}, { 'retry-after': '10' });
  }
}
