import { mailDomain } from '@lifecycle/messaging';
import type { JourneyActivities } from '@lifecycle/workflows/activities';
import { Readable } from 'node:stream';
import { composeMessage } from './composeMessage';
import type { ResolvedDeps } from './deps';
import { sendOverSmtp, smtpConnectionOptions } from './smtpSend';

/** A template editor's test email: pre-rendered by the API, sent as is, marked as a test, tracked nowhere. */
export function makeSendTestEmail({ transport, config }: ResolvedDeps): JourneyActivities['sendTestEmail'] {
  return async ({ requestId, to, subject, html, text }) => {
    const messageId = `<test-${requestId}@${mailDomain(config.mailFrom)}>`;
    const { envelope, bytes } = await composeMessage({
      from: config.mailFrom,
      to,
      subject,
      html,
      ...(text ? { text } : {}),
      messageId,
      headers: { 'X-Lifecycle-Test': 'true' },
    });
    await sendOverSmtp(smtpConnectionOptions(transport), envelope, Readable.from([bytes]));
    return { messageId };
  };
}
